"""The Results API: read-only JSON for journalists at /api/v1/ (Django Ninja).

Published data only, the same as the public pages show, read through the same
querysets and services. `main.api` is the Ninja API, `urls` mounts it with the
HTTP manners every answer shares (`http.read_only`).
"""
