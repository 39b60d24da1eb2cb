"""Every Wagtail hook of the project: the one way an app extends another.

The foundation (``cms``, ``accounts``, ``ops``) and ``contrats`` name no app above
them: an app declares what it adds in its own ``wagtail_hooks.py`` with
``@hooks.register("<name>")`` (``order=`` sorts where it matters), and the module
named below reads the hook with ``hooks.get_hooks`` in one place.

Home page, footer, search and cache (``cms``)

- ``register_key_figure`` (``cms.home``): ``() -> (value, label) | None``, a figure of
  the home page, left to right by ``order``.
- ``register_happening_now`` (``cms.home``): ``(request) -> dict | None``, a block of
  « En ce moment » (a list, or a template of its own).
- ``register_home_index_page`` (``cms.home``): ``() -> HomeIndexPage``, an app's index
  page type: its first live page below the home page is a card of « Accès rapides »
  (the text from the page's own field), read in the home page's one index query.
- ``register_quick_access`` (``cms.home``): ``(home, request) -> QuickAccess | None``,
  a card of « Accès rapides » that is no page (the intranet).
- ``register_footer_links`` (``cms.chrome``): ``(site, request) -> [(label, url), …]``,
  links of the footer after the legal pages.
- ``register_site_related`` (``cms.chrome``): ``() -> ["site__<setting>", …]``, an
  app's site settings read with the page chrome (no query of their own).
- ``register_search_group`` (``cms.search``): ``() -> SearchGroup``, a group of the
  site search's results, top to bottom by ``order`` (cms's own: 10, 20 and 90).
- ``register_page_cache_scopes`` (``cms.cache_policy``): ``() -> {"app.pagemodel":
  scopes or callable(page)}``, what a page type shows.
- ``register_cache_scopes`` (``cms.cache_policy``): ``() -> {"app:url_name": scopes
  or callable(kwargs)}``, what a view's page shows.
- ``register_write_cache_scopes`` (``cms.cache_policy``): ``() -> {"app_label" or
  "db_table": scope}``, what a write to the app's tables (or to one of them) makes
  stale.

Accounts (``accounts``)

- ``register_notification_topics`` (``accounts.topics``): ``() ->
  [Topic]``, the e-mails a person can turn off.
- ``register_gdpr_section`` (``accounts.gdpr``): ``() -> Section``, an app's part
  of « mes données » (export) and of the erasure of an account.
- ``register_dashboard_section`` (``accounts.dashboard``): ``() ->
  DashboardSection``, a part of « Mon compte ».
- ``register_account_fields`` (``accounts.forms``): ``() -> AccountFields``, the
  fields an app adds to the sign-up and profile forms, and where it keeps them.
- ``register_user_related`` (``accounts.models``): ``() -> ["relation", …]``, the
  one-to-one rows an app keeps beside each account, read in the account's query.
- ``register_contribution_bar`` (``accounts.rules``): ``(user) -> bool``, True when
  an app stops the account contributing (``accounts.contribute``).
- ``exempt_from_account_retention`` (``accounts.retention``): ``() -> queryset of
  user pks`` kept however rarely they sign in.

Operations (``ops``)

- ``register_scheduled_jobs`` (``ops.jobs``): ``() -> [ScheduledJob]``.
- ``register_health_checks`` (``ops.health``): ``() -> {name: check}``.

Domain

- ``register_commune_section`` (``contrats.views.communes``): ``(request, commune,
  private_q) -> CommuneSection``, what another app shows on a commune's page.

Wagtail's own hooks (``register_admin_viewset``, ``register_admin_urls``,
``construct_homepage_panels``…) are used as Wagtail documents them.
"""

PROJECT_HOOKS = (
    "register_key_figure",
    "register_happening_now",
    "register_home_index_page",
    "register_quick_access",
    "register_footer_links",
    "register_site_related",
    "register_search_group",
    "register_page_cache_scopes",
    "register_cache_scopes",
    "register_write_cache_scopes",
    "register_notification_topics",
    "register_gdpr_section",
    "register_dashboard_section",
    "register_account_fields",
    "register_user_related",
    "register_contribution_bar",
    "exempt_from_account_retention",
    "register_scheduled_jobs",
    "register_health_checks",
    "register_commune_section",
)
