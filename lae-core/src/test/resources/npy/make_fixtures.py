#!/usr/bin/env python3
"""Writes the .npy fixtures that io.lae.io tests read. Run from this directory with NumPy 2.x:

    python3 make_fixtures.py

CI has no NumPy, so the generated files are committed. The tests recompute the expected
values in Java from the formulas below; keep the two in step.

    matrix[i, j] = (4 * i + j) * 0.5 - 1.25           3 x 4, float64
    vector[k]    = k * 1.5 + 0.25                     length 5, float64
    ints         = [[0, 1, 2, 3], [min, max, min + 1, max - 1], [5, 7, 11, 13]]
                   for each integer type (min and max of that type)
    flags[i, j]  = (4 * i + j) % 3 == 0               3 x 4, bool
    scalar       = 2.5                                0-d, float64
"""
import numpy as np

MATRIX = np.arange(12, dtype=np.float64).reshape(3, 4) * 0.5 - 1.25
VECTOR = np.arange(5, dtype=np.float64) * 1.5 + 0.25
INT_TYPES = ['|i1', '|u1', '<i2', '>i2', '<u2', '<i4', '>i4', '<u4', '>u4', '<i8', '>i8', '<u8', '>u8']


def ints(descr):
    info = np.iinfo(np.dtype(descr))
    rows = [[0, 1, 2, 3], [info.min, info.max, info.min + 1, info.max - 1], [5, 7, 11, 13]]
    return np.array(rows, dtype=object).astype(np.dtype(descr))


def int_file_name(descr):
    order = {'|': '', '<': '_le', '>': '_be'}[descr[0]]
    return 'int_' + descr[1:] + order + '.npy'


def write_version(name, array, version):
    with open(name, 'wb') as f:
        np.lib.format.write_array(f, array, version=version)


def main():
    np.save('f8_c.npy', MATRIX)
    np.save('f8_fortran.npy', np.asfortranarray(MATRIX))
    np.save('f4.npy', MATRIX.astype('<f4'))
    np.save('f4_be_fortran.npy', np.asfortranarray(MATRIX.astype('>f4')))
    np.save('f8_be.npy', MATRIX.astype('>f8'))
    np.save('vector.npy', VECTOR)
    for descr in INT_TYPES:
        np.save(int_file_name(descr), ints(descr))
    np.save('bool.npy', np.arange(12).reshape(3, 4) % 3 == 0)
    write_version('f8_v2.npy', MATRIX, (2, 0))
    write_version('f8_v3.npy', MATRIX, (3, 0))
    np.save('scalar.npy', np.array(2.5))
    np.save('empty.npy', np.zeros((0, 3)))
    np.save('rank3.npy', np.arange(24, dtype=np.float64).reshape(2, 3, 4))
    np.save('complex.npy', MATRIX.astype(np.complex128))
    np.save('float16.npy', MATRIX.astype(np.float16))
    np.save('object.npy', np.array([1, 'a', None], dtype=object), allow_pickle=True)
    np.save('structured.npy', np.zeros(2, dtype=[('x', '<f8'), ('n', '<i4')]))


if __name__ == '__main__':
    main()
