#ifndef RNNBOOK_CBLAS_SHIM_H
#define RNNBOOK_CBLAS_SHIM_H
// OpenBLAS's C interface, plus the few LAPACK routines rnnbook needs. OpenBLAS exports the
// LAPACK Fortran symbols itself, so no separate LAPACKE library is linked.
#include <cblas.h>

void dgeev_(const char *jobvl, const char *jobvr, const int *n, double *a, const int *lda,
            double *wr, double *wi, double *vl, const int *ldvl, double *vr, const int *ldvr,
            double *work, const int *lwork, int *info);
void dposv_(const char *uplo, const int *n, const int *nrhs, double *a, const int *lda,
            double *b, const int *ldb, int *info);

#endif
