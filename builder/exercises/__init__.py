"""Exercises: language-neutral files in exercises/<chapter>/, their texts beside them, checked with real torch.

exercise_file.py reads them, torch_run.py (a subprocess with torch) computes each one's expected results and
proves its declared answers right and wrong, expected.py caches that, render.py draws them into pages. The checker
itself (sandbox/exercise_check) is shared with the browser.
"""
