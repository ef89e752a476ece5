"""One router per resource; each module owns its part of /api/v1/."""
