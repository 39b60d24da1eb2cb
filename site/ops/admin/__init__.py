"""The Wagtail admin of ops: ``viewsets``; ``ops.wagtail_hooks`` only registers."""
