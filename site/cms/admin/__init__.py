"""The Wagtail admin of cms, and the bases every app's admin uses: ``views``
(``SafeIndexView``, the one export base) and ``viewsets`` (``RecordViewSet``);
``cms.wagtail_hooks`` only registers."""
