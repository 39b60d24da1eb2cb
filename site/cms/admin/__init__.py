"""The Wagtail admin of cms, and the bases every app's admin uses: ``exports``
(``SafeIndexView``, the one export base) and ``viewsets`` (``ModelViewSet``,
``RecordViewSet``); ``cms.wagtail_hooks`` only registers."""
