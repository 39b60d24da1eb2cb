"""The Wagtail admin of the outbox: ``viewsets``; ``outbox.wagtail_hooks`` only registers."""
