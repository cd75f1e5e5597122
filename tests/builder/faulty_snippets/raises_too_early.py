# %% early raises="ZeroDivisionError: division by zero"
ratio = 1 / 0
print("never printed")
