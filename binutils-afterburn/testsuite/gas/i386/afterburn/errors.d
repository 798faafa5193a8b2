#name: afterburn diagnostics
#as: --afterburn=on --64
#error_output: errors.l
