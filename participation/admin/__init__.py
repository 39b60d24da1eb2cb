"""The Wagtail admin of participation: ``viewsets`` (menus, listings, the moderation
desk), ``views``, ``forms``; ``participation.wagtail_hooks`` only registers them."""
