"""The Wagtail admin of cms, and the bases every app's admin uses: ``exports``
(``SafeIndexView``, the one export base), ``refusals`` (the one refusal path) and
``viewsets`` (``ViewSet``, ``ModelViewSet``, ``SnippetViewSet``, ``RecordViewSet``);
``cms.wagtail_hooks`` only registers."""
