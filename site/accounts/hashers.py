"""Password hashing at the cost OWASP recommends, not more.

Django's Argon2 defaults (100 MiB, parallelism 8) and its PBKDF2 at a million rounds
each hold a CPU core for a third of a second per sign-in: on a busy consultation day
a sign-in a second takes a quarter of a two-core node away from the readers. Argon2id
with 19 MiB, two passes and one lane is the OWASP Password Storage Cheat Sheet's
first recommendation; it stays memory-hard against GPU cracking while costing a few
tens of milliseconds. Older hashes keep working and are upgraded at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1
