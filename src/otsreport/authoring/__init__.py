"""From article to dossier: scaffold a dossier, import sources, find quotes, fix citations.

| module | does |
|---|---|
| ``scaffold`` | ``new-dossier``: a commented dossier folder with its own schemas |
| ``document`` | what an imported document yields: paragraphs and metadata |
| ``web``, ``pdf``, ``word``, ``plain`` | a reader per kind of file: trafilatura, pypdfium2, ... |
| ``finding`` | ``find`` and ``paragraphs`` |
| ``sources`` | ``add-source``: the text file and the ``sources.yaml`` entry |
| ``fixing`` | ``validate --fix``: found paragraph numbers written back into the YAML |
"""
