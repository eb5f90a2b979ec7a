import argparse
import math

import numpy as np
import torch
import torch.nn as nn

torch.set_default_dtype(torch.float64)   # dlnlab computes in double
parser = argparse.ArgumentParser(description=__doc__)
parser.add_argument("--csv", help="write the numbers behind the figure here")
parser.add_argument("--no-plot", action="store_true", help="do not draw")
args = parser.parse_args()
plt = None                                # matplotlib is optional
if not args.no_plot:
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: the numbers, but no figure")
