"""Only real torch knows its own version: the expected result proves which engine ran the solution."""
# exercise: kind="predict" answer="answer"

# %% inputs
CASES = [{"n": 1}, {"n": 2}]

# %% starter
answer = ...

# %% solution
answer = torch.__version__ * n

# %% wrong-number fails="type"
answer = 2
