	cli			# AB: cli len=1 room=7
	swapgs			# AB: swapgs len=3 room=5
	ret
# Regression: no expression is parsed before the first site (gas's
# `dot' is still unset there).
