print("adr")
