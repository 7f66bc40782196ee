#ifndef CFLOATCONTROL_H
#define CFLOATCONTROL_H

#include <stdint.h>

/// The calling thread's floating-point control word (MXCSR on x86-64, FPCR on arm64; 0 elsewhere).
uint64_t cfc_read_control(void);

/// Sets the calling thread's flush-to-zero and denormals-are-zero bits (MXCSR 0x8040 on x86-64,
/// FPCR.FZ on arm64) and returns the control word as it was before, for `cfc_restore_control`.
/// Writes the register only when a bit is missing.
uint64_t cfc_flush_subnormals(void);

/// Puts back a control word that `cfc_flush_subnormals` returned (a no-op when it is unchanged).
void cfc_restore_control(uint64_t saved);

/// 1 when the calling thread flushes subnormal results and inputs to zero, else 0.
int cfc_subnormals_flushed(void);

/// The width, in bits, of the vectors the kernels run on: their 8-lane Float vectors are one
/// 256-bit register when the build has AVX2 (x86-64-v3 and up), else two 128-bit ones.
int cfc_build_vector_bits(void);

/// The instruction-set level TinyCNN's kernels were compiled for, such as "x86-64-v3 (AVX2, FMA)".
const char *cfc_build_baseline(void);

/// 1 when this CPU and its operating system can run the build's baseline instructions
/// (on x86-64: AVX2, FMA and the YMM register state when the build uses them), else 0.
int cfc_cpu_runs_build(void);

/// The widest vectors, in bits, this CPU and its operating system support (x86-64: 512 with
/// AVX-512F, 256 with AVX2, else 128; arm64: 128).
int cfc_cpu_vector_bits(void);

/// Writes the CPU's brand string (x86-64 CPUID leaves 0x80000002-4) into `buffer` and returns 1,
/// or returns 0 where there is none (then read `/proc/cpuinfo` or `sysctl`).
int cfc_cpu_brand(char *buffer, int size);

#endif
