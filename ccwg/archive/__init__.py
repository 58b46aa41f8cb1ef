"""The whole archive out and back in: `manage.py export_archive FILE`, `import_archive FILE`
(see `ccwg.archive.archive`)."""
