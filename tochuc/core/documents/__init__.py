"""The document toolkit every app uses.

``word`` (the Party layout), ``excel`` (one content type, cells that keep text as text, workbooks read
without trust), ``archive`` (the check every uploaded Word or Excel file passes before it is parsed),
``charts`` (server-rendered SVG), ``numbers`` (Vietnamese number formats) and ``downloads`` (one
response for a file sent to the browser).
"""
