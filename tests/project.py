"""Where the project is and how to build a copy of it (scripts/project.py, shared with the benchmark)."""

from scripts.project import MKDOCS, PROJECT_PARTS, ROOT, copy_project, run_build

__all__ = ["MKDOCS", "PROJECT_PARTS", "ROOT", "copy_project", "run_build"]
