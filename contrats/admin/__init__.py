"""The Wagtail admin of contrats: ``viewsets`` (menus, listings), ``views``, ``forms``,
``choosers``; ``contrats.wagtail_hooks`` only registers them."""
