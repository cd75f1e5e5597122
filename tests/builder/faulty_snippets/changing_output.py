# %% stable
print("same every time")
# %% clock
import time

print(time.time())
# %% address
print(object())
