"""``gongwen serve``: the clerk's desk in a browser and the API for the office's OA system.

The service runs the same pipeline, rule packs, roster and results store as the command line. Its
own records (accounts, API tokens, uploads and the service's settings) live in the same database,
beside the documents and findings (``records``). Documents are processed in supervised worker
processes (``jobs``), never in the event loop; pages are rendered on the server from Jinja
templates, in Chinese, with no script beyond a refresh while a review is running.
"""
