# snippet: timeout="2"
# %% spin
while True:
    pass
