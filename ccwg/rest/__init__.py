"""The REST API plumbing every app's API shares; it imports no app.

- `errors`: model validation as 400s, the exception handler (400/409), the JSON parser.
- `permissions`: members read, staff write.
- `pagination`, `fields` (natural-key relations), `serializers` (`CleanModelSerializer`),
  `schema` (documented error answers), `viewsets` (`RecordViewSet`).
"""
