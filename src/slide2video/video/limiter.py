"""A look-ahead true-peak limiter (BS.1770 annex 2 style 4x oversampling estimate), sample exact in numpy."""

from __future__ import annotations

import math

import numpy as np

SAMPLE_RATE = 48000


def gain_to_db(gain: float) -> float:
    return 20.0 * math.log10(gain) if gain > 0 else -math.inf


def db_to_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def _interpolation_taps(phases: int = 4, half: int = 12) -> np.ndarray:
    """Hann-windowed sinc taps for the in-between points of a `phases`x oversampler (as BS.1770 annex 2)."""
    taps = []
    j = np.arange(-half + 1, half + 1, dtype=np.float64)  # x[n + j]
    for p in range(1, phases):
        d = p / phases - j
        w = 0.5 * (1.0 + np.cos(np.pi * d / (half + 0.5)))
        taps.append(np.sinc(d) * w)
    return np.array(taps)


_TAPS = _interpolation_taps()


def true_peak_envelope(x: np.ndarray) -> np.ndarray:
    """Per-sample peak (shape (n,)) over channels, counting the 4x-oversampled points that follow each sample."""
    n = len(x)
    peak = np.abs(x).max(axis=1).astype(np.float32)
    half = _TAPS.shape[1] // 2
    for ch in range(x.shape[1]):
        sig = x[:, ch].astype(np.float64)
        for taps in _TAPS:
            # y[n] = sum_j taps[j] * x[n + j - half + 1]  (correlation, aligned so y[n] lies between n and n+1)
            y = np.convolve(sig, taps[::-1], mode="full")[half : half + n]
            np.maximum(peak, np.abs(y).astype(np.float32), out=peak)
    result: np.ndarray = peak
    return result


def _sliding_min(x: np.ndarray, before: int, after: int) -> np.ndarray:
    """out[i] = min(x[i - before : i + after + 1]) in O(n) (van Herk / Gil-Werman); outside values count as 1."""
    n = len(x)
    w = before + after + 1
    total = -(-(n + w - 1) // w) * w
    padded = np.ones(total, dtype=x.dtype)
    padded[before : before + n] = x
    blocks = padded.reshape(-1, w)
    prefix = np.minimum.accumulate(blocks, axis=1).reshape(-1)
    suffix = np.minimum.accumulate(blocks[:, ::-1], axis=1)[:, ::-1].reshape(-1)
    i = np.arange(n)
    return np.minimum(suffix[i], prefix[i + w - 1])


def limit_true_peak(x: np.ndarray, ceiling_dbtp: float, sample_rate: int = SAMPLE_RATE) -> tuple[np.ndarray, float]:
    """Look-ahead limiter: keep the (estimated) true peak of `x` under `ceiling_dbtp`.

    The needed gain is held for 40 ms after each peak, then a moving average over the 10 ms look-ahead turns it into
    linear ramps that reach full reduction exactly at the peak (never later). Returns the limited signal and the
    deepest reduction in dB (0.0 when nothing exceeded the ceiling, in which case `x` is returned unchanged).
    """
    ceiling = db_to_gain(ceiling_dbtp)
    peak = true_peak_envelope(x)
    if peak.max(initial=0.0) <= ceiling:
        return x, 0.0
    need = np.minimum(1.0, ceiling / np.maximum(peak, 1e-12)).astype(np.float64)
    look = max(1, int(0.010 * sample_rate))
    hold = int(0.040 * sample_rate)
    held = _sliding_min(need, hold, look)  # min over [i - hold, i + look]
    csum = np.concatenate([[0.0], np.cumsum(held)])
    idx = np.arange(len(held))
    lo = np.maximum(idx - look + 1, 0)
    env = (csum[idx + 1] - csum[lo]) / (idx + 1 - lo)  # mean over [i - look + 1, i]: <= need[i] by construction
    return (x * env[:, None]).astype(np.float32), gain_to_db(float(env.min()))
