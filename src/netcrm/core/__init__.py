"""The Qt-free core: records, rules, errors, file formats, services and the store."""
