# Prints [project].dependencies of a pyproject.toml, one a line, so that they install before the source is copied.
import sys
import tomllib

with open(sys.argv[1], "rb") as f:
    project = tomllib.load(f).get("project", {})
for dependency in project.get("dependencies", []):
    print(dependency)
