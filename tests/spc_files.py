"""SPC files for the tests, written by spc-io's own writer (no real SPC file is offline)."""

from datetime import datetime

import numpy as np


def write_spc(path, x, spectra, *, even=True, xs=None, xtype="XWAVEN", ytype="YABSRB",
              comment=b"", source=b"", resolution=b"", log=None, date=None):
    """An SPC file written by spc-io (one spectrum or a multifile of several)."""
    import spc_io
    from spc_io.high_level import EvenAxis
    from spc_io.high_level.log_book import LogBook
    from spc_io.low_level.headers.fxytype import Fxtype, Fytype

    spc = spc_io.SPC(xarray=None if xs is not None else
                     (EvenAxis(start=float(x[0]), stop=float(x[-1]), num=len(x)) if even
                      else np.asarray(x, dtype=np.float32)),
                     date=date or datetime.fromtimestamp(0),
                     log_book=LogBook(text=log or {}))
    for i, y in enumerate(spectra):
        # spc-io writes an XYXY file's directory only for subfiles with a z value
        extra = {} if xs is None else {"xarray": np.asarray(xs[i], dtype=np.float32),
                                       "z": float(i)}
        spc.add_subfile(yarray=np.asarray(y, dtype=np.float32), **extra)
    raw = spc.to_spc_raw()
    # spc-io's writer leaves the header's text and unit fields at zero: set them on its
    # own header structure before it writes the bytes
    raw.main_header.fxtype, raw.main_header.fytype = Fxtype(xtype), Fytype(ytype)
    raw.main_header.fcmnt, raw.main_header.fsource = comment, source
    raw.main_header.fres = resolution
    path.write_bytes(raw.to_bytes())
    return path
