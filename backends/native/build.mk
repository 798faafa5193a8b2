# backends/native: bare hardware, every site stays as assembled.
# Registration (backends/README.md): both flavours, detected last -- it
# recognises anything no other backend claims.
BACKENDS += native
native_SRCS := backends/native/native.c
native_FLAVOURS := guest kernel
native_DETECT := 90
