"""The busy day: anonymous readers over the public pages while residents write.

Run by ``make bench`` after the per-page table (or alone, on a database ``make bench``
already seeded: ``BENCH_REUSE_DB=1 python -m tests.bench.busy_day``). The same
gunicorn (production settings, Redis page cache) serves two runs of the same length:

- read-only: wrk's readers go round at least 60 public pages (home, news, contracts,
  projects, communes, consultations, proposals);
- busy: the same readers while, by real HTTP requests, a resident signs in every
  second, a support is given every second and a comment is posted every 5 seconds.

In both runs one signed-in resident reads proposals' pages one after the other
(their p95 is the signed-in column). After the busy run, a comment is posted and 16 readers ask
for its consultation page at once: "renders" counts how many of them rendered it;
the news and contract pages must still be answered from the cache.
"""

import datetime
import http.cookiejar
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from . import run

READERS_MIN_PAGES = 60
# Seconds between two writes of a kind (the busy day; 0 turns one off).
SIGN_IN_EVERY = float(os.environ.get("BUSY_SIGN_IN_EVERY", 1))
SUPPORT_EVERY = float(os.environ.get("BUSY_SUPPORT_EVERY", 1))
COMMENT_EVERY = float(os.environ.get("BUSY_COMMENT_EVERY", 5))
RESIDENTS = 400
# Read-only and busy runs alternate this many times; the table gives the medians.
ROUNDS = int(os.environ.get("BUSY_ROUNDS", 3))
TARGET_THROUGHPUT = 0.80
TARGET_HIT_RATIO = 0.90
TARGET_SIGNED_IN_P95_MS = 100
PASSWORD = "journee-chargee-2026"


def public_paths():
    """At least 60 public pages, of every kind, as a reader would find them."""
    from wagtail.models import Page

    from cms.models import NewsPage
    from contrats.models import Commune, ContractPage, Project
    from participation.models import ConsultationPage, Proposal, Status

    def urls(pages):
        return [p.url for p in pages if p.url and getattr(p, "cache_anonymous", True)]

    live = Page.objects.live().public().specific()
    paths = urls(live.filter(depth__in=[2, 3]))  # home and its sections
    paths += urls(live.type(NewsPage).order_by("-pk")[:12])
    paths += urls(live.type(ContractPage))
    paths += urls(live.type(ConsultationPage))
    paths += [p.get_absolute_url() for p in Project.objects.order_by("pk")[:10]]
    paths += ["/projets/", "/communes/"]
    paths += [f"/communes/{c.insee_code}/" for c in Commune.objects.order_by("pk")[:8]]
    consultations = list(ConsultationPage.objects.live().order_by("pk"))
    paths += [
        p.get_absolute_url()
        for p in Proposal.objects.filter(
            status=Status.PUBLISHED, consultation__in=consultations
        ).order_by("pk")[:12]
    ]
    paths = list(dict.fromkeys(urllib.parse.quote(p, safe="/?=&%") for p in paths))
    ok = [p for p in paths if run.fetch(p)[0] == 200]
    if len(ok) < READERS_MIN_PAGES:
        sys.exit(
            f"{len(ok)} pages publiques seulement (il en faut {READERS_MIN_PAGES})"
        )
    return ok


def residents():
    """Verified accounts with a known password, one per write (their own address),
    new ones for each round so that no support is given twice."""
    from allauth.account.models import EmailAddress
    from django.contrib.auth.hashers import make_password

    from accounts.models import User

    hashed = make_password(PASSWORD)
    emails = [f"affluence{n}@habitants.test" for n in range(RESIDENTS * ROUNDS + 2)]
    existing = set(
        User.objects.filter(email__in=emails).values_list("email", flat=True)
    )
    User.objects.bulk_create(
        User(email=email, display_name=f"Habitant·e {n}", password=hashed)
        for n, email in enumerate(emails)
        if email not in existing
    )
    users = list(User.objects.filter(email__in=emails).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=u, email=u.email, verified=True, primary=True)
            for u in users
        ],
        ignore_conflicts=True,
    )
    return users


class Browser:
    """One person's browser: cookies, the CSRF token, an address of their own."""

    def __init__(self, number):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), NoRedirect()
        )
        self.location = None  # where the last redirect pointed
        self.address = (
            f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        )

    def request(self, path, data=None):
        headers = {"X-Forwarded-For": self.address}
        body = None
        if data is not None:
            token = next((c.value for c in self.jar if c.name == "csrftoken"), "")
            body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, **data})
            body = body.encode()
            headers["Referer"] = f"http://127.0.0.1:{run.PORT}{path}"
        request = urllib.request.Request(
            f"http://127.0.0.1:{run.PORT}{path}", data=body, headers=headers
        )
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=30) as response:
                response.read()
                status, cache = response.status, response.headers.get("X-Page-Cache")
        except urllib.error.HTTPError as error:
            status, cache = error.code, None
            self.location = error.headers.get("Location")
        return status, cache, (time.perf_counter() - started) * 1000

    def sign_in(self, email):
        from django.urls import reverse

        login = reverse("account_login")
        self.request(login)
        return self.request(login, {"login": email, "password": PASSWORD})[0]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def every(seconds, action, stop, failures):
    """Start ``action(n)`` every ``seconds`` until ``stop`` is set, whether or not the
    previous one has finished (people do not wait for each other)."""
    n = 0
    next_at = time.monotonic()
    with ThreadPoolExecutor(8) as pool:
        futures = []
        while not stop.is_set():
            futures.append(pool.submit(action, n))
            n += 1
            next_at += seconds
            stop.wait(max(0.0, next_at - time.monotonic()))
        statuses = [future.result() for future in futures]
    failures.extend(status for status in statuses if status not in (200, 302))
    return n


class Writers:
    """A sign-in a second, a support a second and a comment every 5 seconds."""

    def __init__(self, users, consultation, proposals, duration):
        self.users = users
        self.supporters = int(duration / SUPPORT_EVERY) + 5 if SUPPORT_EVERY else 0
        self.commenters = int(duration / COMMENT_EVERY) + 2 if COMMENT_EVERY else 0
        self.consultation = consultation
        self.proposals = proposals
        self.stop = threading.Event()
        self.failures = []
        self.counts = {}
        self.browsers = {}

    def signed_in(self, index):
        browser = self.browsers.get(index)
        if browser is None:
            browser = Browser(1000 + index)
            browser.sign_in(self.users[index].email)
            self.browsers[index] = browser
        return browser

    def sign_in(self, n):
        return Browser(n).sign_in(self.users[n % len(self.users)].email)

    def support(self, n):
        browser = self.signed_in(100 + n % self.supporters)
        proposal = self.proposals[n % len(self.proposals)]
        return browser.request(f"/participation/propositions/{proposal}/soutenir/", {})[
            0
        ]

    def comment(self, n):
        browser = self.signed_in(300 + n % self.commenters)
        return browser.request(
            f"/participation/consultations/{self.consultation}/commenter/",
            {"body": f"Affluence : commentaire numéro {n} de la journée."},
        )[0]

    def __enter__(self):
        # Signed in before the run: only the writes themselves are measured.
        for index in [
            *range(100, 100 + self.supporters),
            *range(300, 300 + self.commenters),
        ]:
            self.signed_in(index)
        self.pool = ThreadPoolExecutor(3)
        self.futures = {
            name: self.pool.submit(every, seconds, action, self.stop, self.failures)
            for name, seconds, action in (
                ("sign_ins", SIGN_IN_EVERY, self.sign_in),
                ("supports", SUPPORT_EVERY, self.support),
                ("comments", COMMENT_EVERY, self.comment),
            )
            if seconds
        }
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.counts = {name: future.result() for name, future in self.futures.items()}
        self.pool.shutdown()


class SignedInReader(threading.Thread):
    """One signed-in resident reading pages one after the other."""

    def __init__(self, email, paths):
        super().__init__(daemon=True)
        self.browser = Browser(60000)
        self.browser.sign_in(email)
        self.paths = paths
        self.stop = threading.Event()
        self.latencies = []

    def run(self):
        n = 0
        while not self.stop.is_set():
            status, _cache, ms = self.browser.request(self.paths[n % len(self.paths)])
            if status == 200:
                self.latencies.append(ms)
            n += 1

    def p95(self):
        if len(self.latencies) < 20:
            return None
        return round(statistics.quantiles(self.latencies, n=20)[18], 1)


def readers(paths_file, duration):
    output = subprocess.run(  # noqa: S603
        [  # noqa: S607  (Debian's wrk, as run.py)
            "wrk",
            f"-t{run.WRK_THREADS}",
            f"-c{run.CONNECTIONS}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(run.BENCH_DIR / "busy.lua"),
            f"http://127.0.0.1:{run.PORT}/",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BUSY_PATHS": paths_file},
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH-JSON"))
    result = json.loads(line.removeprefix("BENCH-JSON "))
    result["rps"] = round(result["requests"] / (result["duration_us"] / 1e6), 1)
    answered = result["hits"] + result["misses"]
    result["hit_ratio"] = round(result["hits"] / answered, 3) if answered else 0
    result["p95_ms"] = round(result["latency_us"]["p95"] / 1000, 1)
    return result


def measured(paths_file, signed_in_email, signed_in_paths, duration, writers=None):
    reader = SignedInReader(signed_in_email, signed_in_paths)
    reader.start()
    try:
        if writers is None:
            result = readers(paths_file, duration)
        else:
            with writers:
                result = readers(paths_file, duration)
            result["writes"] = writers.counts
            result["write_failures"] = len(writers.failures)
    finally:
        reader.stop.set()
        reader.join()
    result["signed_in_p95_ms"] = reader.p95()
    return result


def median_run(results):
    """The median of each figure over the rounds; the writes are added up.

    Read-only and busy runs alternate, so a neighbour's load on the machine weighs
    on both columns alike instead of on one run."""
    keys = ("rps", "hit_ratio", "p95_ms", "signed_in_p95_ms")
    merged = {
        key: statistics.median(r[key] for r in results if r[key] is not None)
        if any(r[key] is not None for r in results)
        else None
        for key in keys
    }
    merged["rounds"] = results
    if "writes" in results[0]:
        merged["writes"] = {
            name: sum(r["writes"].get(name, 0) for r in results)
            for name in results[0]["writes"]
        }
        merged["write_failures"] = sum(r["write_failures"] for r in results)
    return merged


def kept_throughput(quiets, busies):
    """The median over the rounds of each busy run's rate over the read-only run just
    before it, and the rounds as ``(read-only, busy, ratio)``.

    Paired by round: the machine's own speed changes between runs (a neighbour's load
    halved a read-only run once, with nothing written), and a ratio of the two columns'
    medians would then compare runs taken at different speeds."""
    rounds = [
        (q["rps"], b["rps"], b["rps"] / q["rps"])
        for q, b in zip(quiets, busies, strict=True)
        if q["rps"]
    ]
    kept = statistics.median(ratio for _, _, ratio in rounds) if rounds else 0
    return kept, rounds


def run_fetch_body(path):
    with urllib.request.urlopen(
        f"http://127.0.0.1:{run.PORT}{path}", timeout=30
    ) as response:
        return response.read().decode()


def renders_after_a_change(consultation_url, consultation_pk, others, email):
    """Comment, then 16 readers at once on the consultation: how many rendered it."""
    for path in [consultation_url, *others]:
        run.fetch(path)
    author = Browser(61000)
    author.sign_in(email)
    text = f"Vu à {datetime.datetime.now(datetime.UTC):%H:%M:%S.%f}"
    posted = author.request(
        f"/participation/consultations/{consultation_pk}/commenter/", {"body": text}
    )[0]
    with ThreadPoolExecutor(16) as pool:
        states = list(pool.map(lambda _: run.fetch(consultation_url)[1], range(16)))
    # Where the comment was sent back to: the page of the thread that shows it.
    thread = urllib.parse.urlsplit(author.location or consultation_url)
    page = f"{thread.path}?{thread.query}" if thread.query else thread.path
    shown = text in run_fetch_body(page)
    kept = [run.fetch(path)[1] for path in others]
    return {
        "comment_status": posted,
        "renders": states.count("miss"),
        "states": states,
        "comment_shown_at_once": shown,
        "others_kept": all(state == "hit" for state in kept),
    }


def scenario():
    """The two runs against a running gunicorn; returns the figures."""
    from participation.models import ConsultationPage, Proposal, Status

    consultation = (
        ConsultationPage.objects.live()
        .filter(allow_comments=True)
        .order_by("-opens_at")
        .first()
    )
    proposals = list(
        Proposal.objects.filter(consultation__in=ConsultationPage.objects.live())
        .filter(status=Status.PUBLISHED)
        .values_list("pk", flat=True)[:20]
    )
    users = residents()
    paths = public_paths()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(paths) + "\n")
    for path in paths:  # warm: the read-only run starts from a full cache
        run.fetch(path)
    # A proposal's page, as a signed-in resident reads it (kept for their session).
    signed_in_paths = [p for p in paths if "/participation/propositions/" in p][:6]
    email = users[-1].email
    duration = run.DURATION * 2
    run.log(
        f"busy day: {len(paths)} public pages, {ROUNDS} rounds of two {duration} s runs"
    )
    quiets, busies = [], []
    for round_ in range(ROUNDS):
        quiets.append(measured(handle.name, email, signed_in_paths, duration))
        writers = Writers(
            users[round_ * RESIDENTS : (round_ + 1) * RESIDENTS],
            consultation.pk,
            proposals,
            duration,
        )
        busies.append(measured(handle.name, email, signed_in_paths, duration, writers))
        run.log(
            f"  round {round_ + 1}: read-only {quiets[-1]['rps']:.0f} req/s, "
            f"busy {busies[-1]['rps']:.0f} req/s"
        )
    quiet, busy = median_run(quiets), median_run(busies)
    news = next((p for p in paths if "/actualites/" in p), paths[0])
    contract = next((p for p in paths if "/contrats/" in p), paths[1])
    change = renders_after_a_change(
        consultation.url, consultation.pk, [news, contract], users[-2].email
    )
    os.unlink(handle.name)
    return {"pages": len(paths), "read_only": quiet, "busy": busy, "change": change}


def table(figures):
    quiet, busy, change = figures["read_only"], figures["busy"], figures["change"]
    kept, rounds = kept_throughput(quiet["rounds"], busy["rounds"])

    def verdict(ok):
        return "✅" if ok else "❌"

    def ms(value):
        return "—" if value is None else f"{value:.1f}"

    writes = busy.get("writes", {})
    lines = [
        "| run | req/s | % du run lecture seule | taux de hits | p95 ms "
        "| p95 connecté ms | écritures (connexions / soutiens / commentaires) |",
        "|---|--:|--:|--:|--:|--:|--:|",
        f"| lecture seule ({figures['pages']} pages) | {quiet['rps']:.0f} | 100 % "
        f"| {quiet['hit_ratio']:.3f} | {quiet['p95_ms']:.1f} "
        f"| {ms(quiet['signed_in_p95_ms'])} | — |",
        f"| journée chargée | {busy['rps']:.0f} | {kept:.0%} "
        f"| {busy['hit_ratio']:.3f} | {busy['p95_ms']:.1f} "
        f"| {ms(busy['signed_in_p95_ms'])} "
        f"| {writes.get('sign_ins', 0)} / {writes.get('supports', 0)} / "
        f"{writes.get('comments', 0)} ({busy.get('write_failures', 0)} en échec) |",
        "",
        "Tours (lecture seule / chargée, req/s) : "
        + ", ".join(f"{q:.0f} / {b:.0f} ({ratio:.0%})" for q, b, ratio in rounds)
        + " ; « % du run lecture seule » est la médiane des rapports de chaque tour.",
        f"Cibles : débit ≥ {TARGET_THROUGHPUT:.0%} de la lecture seule "
        f"{verdict(kept >= TARGET_THROUGHPUT)}, taux de hits ≥ {TARGET_HIT_RATIO} "
        f"{verdict(busy['hit_ratio'] >= TARGET_HIT_RATIO)}, p95 connecté < "
        f"{TARGET_SIGNED_IN_P95_MS} ms "
        f"{verdict((busy['signed_in_p95_ms'] or 1e9) < TARGET_SIGNED_IN_P95_MS)}.",
        f"Après un commentaire, 16 lecteurs simultanés de la consultation : "
        f"{change['renders']} rendu(s) ; commentaire (HTTP {change['comment_status']}) "
        "visible aussitôt "
        f"{verdict(change['comment_shown_at_once'])} ; actualité et contrat restés "
        f"en cache {verdict(change['others_kept'])}.",
    ]
    return "\n".join(lines)


def measure_busy_day():
    """Serve with gunicorn (page cache on) and run the scenario.

    One proxy is trusted: each resident's requests carry an address of their own
    (X-Forwarded-For), as behind the production load balancer, so that the limits per
    address apply to each of them and not to the bench as one client.
    """
    os.environ["TRUSTED_PROXY_COUNT"] = "1"
    server = run.Gunicorn(True)
    try:
        return scenario()
    finally:
        server.stop()
        del os.environ["TRUSTED_PROXY_COUNT"]


def main():
    import django

    run.RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    django.setup()
    figures = measure_busy_day()
    report = table(figures)
    sys.stdout.write(f"\n{report}\n")
    (run.RESULTS_DIR / "busy_day.json").write_text(
        json.dumps({**figures, "table": report}, indent=2, ensure_ascii=False)
    )


if __name__ == "__main__":
    main()
