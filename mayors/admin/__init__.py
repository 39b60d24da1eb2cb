"""The Wagtail admin of the intranet: ``viewsets`` (menus, listings), ``views`` (one per
action), ``forms``; ``mayors.wagtail_hooks`` only registers them."""
