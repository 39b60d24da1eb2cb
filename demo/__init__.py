"""The demonstration content: installed where the demo is loaded (development, tests,
``DEMO=1``), never needed in production."""
