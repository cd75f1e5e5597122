"""The contributor guide shows the build's real messages by running the build's own checks on small mistakes."""

# %% bad-cell-name raises="SnippetError: snippets/lesson/example.py:3: cell name" sandbox="no: build tools"
from builder.snippet_file import parse_snippet

source = '"""An example snippet file."""\n\n# %% Make tensor\nimport torch\n'
parse_snippet("lesson/example.py", source)

# %% undeclared-error sandbox="no: build tools"
import tempfile
from pathlib import Path

from builder.cache import OutputCache
from builder.executor import Executor, check
from builder.snippet_file import load_snippet

source = "# %% reshape\nimport torch\n\nx = torch.arange(6)\nx.view(4)\n"
folder = Path(tempfile.mkdtemp())
(folder / "lesson").mkdir()
(folder / "lesson" / "example.py").write_text(source)
executor = Executor(OutputCache(folder / "cache"))
snippet = load_snippet(folder, "lesson/example.py")
for problem in check(snippet, executor.run([snippet])[snippet.path]):
    print(problem)

# %% syntax-error sandbox="no: build tools"
source = "# %% make\nimport torch\n\nx = torch.arange(6)\n\n# %% shape\nprint(x.shape\n"
(folder / "lesson" / "example.py").write_text(source)
snippet = load_snippet(folder, "lesson/example.py")
for problem in check(snippet, executor.run([snippet])[snippet.path]):
    print(problem)
executor.close()
