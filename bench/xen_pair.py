# xen_pair: the report half of bench/xen-pair.sh, imported by the tables of
# bench/xen-guest and bench/xen-io (PYTHONPATH=bench): reading the logs of
# the timed boots, and what both tables print alike.
import os
import re
import statistics as st


def domu_console(path):
    """The domU's console lines of a ci/boot-xen log: those between the
    harness's DOMU-CONSOLE-BEGIN and DOMU-CONSOLE-END lines."""
    inside = False
    for line in open(path, errors='replace'):
        if line.startswith('XEN-HARNESS: DOMU-CONSOLE-BEGIN'):
            inside = True
        elif line.startswith('XEN-HARNESS: DOMU-CONSOLE-END'):
            inside = False
        elif inside:
            yield line


def timed_boots(logs, rounds, parse):
    """kind ('pre', 'para') -> round -> parse(log) over the timed boots'
    logs (KIND-ROUND.log, pair_rounds); a boot without a log is absent."""
    data = {}
    for k in ('pre', 'para'):
        for r in range(1, rounds + 1):
            p = os.path.join(logs, f'{k}-{r}.log')
            if os.path.exists(p):
                data.setdefault(k, {})[r] = parse(p)
    return data


def spread(vals, fmt, unit=''):
    """'median[unit] [min..max]' with fmt for each number, 'n/a' for none."""
    if not vals:
        return 'n/a'
    return f'{fmt(st.median(vals))}{unit} [{fmt(min(vals))}..{fmt(max(vals))}]'


def hypercall_names():
    """Hypercall number (a string) -> name, from Xen's public header
    (libxen-dev); empty if it is not installed."""
    names = {}
    try:
        for line in open('/usr/include/xen/xen.h'):
            m = re.match(r'#define __HYPERVISOR_(\w+)\s+(\d+)', line)
            if m:
                names[m.group(2)] = m.group(1)
    except OSError:
        pass
    return names
