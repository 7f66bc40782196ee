// Floating-point control and CPU identification for TinyCNN. Swift has no access to the MXCSR
// or FPCR registers or to CPUID, so these few lines live in C.
#include "CFloatControl.h"

#include <string.h>

// This file is compiled for the plain x86-64 baseline whatever TinyCNN is compiled for, so that
// the CPU check can run, and refuse politely, on a CPU that lacks the kernels' instructions.
// Package.swift says what the kernels were built for: CFC_BASELINE (the -march value) and
// CFC_NEEDS_AVX2_FMA / CFC_NEEDS_AVX512.
#ifndef CFC_BASELINE
#define CFC_BASELINE "default"
#endif
#ifndef CFC_NEEDS_AVX2_FMA
#define CFC_NEEDS_AVX2_FMA 0
#endif
#ifndef CFC_NEEDS_AVX512
#define CFC_NEEDS_AVX512 0
#endif

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>

// MXCSR bit 15 (FTZ): results that would be subnormal become zero; bit 6 (DAZ): subnormal
// inputs are read as zero.
#define CFC_FLUSH_BITS 0x8040u

static inline uint32_t cfc_mxcsr(void) {
    uint32_t csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    return csr;
}

static inline void cfc_set_mxcsr(uint32_t csr) {
    __asm__ volatile("ldmxcsr %0" : : "m"(csr));
}

uint64_t cfc_read_control(void) { return cfc_mxcsr(); }

uint64_t cfc_flush_subnormals(void) {
    uint32_t csr = cfc_mxcsr();
    if ((csr & CFC_FLUSH_BITS) != CFC_FLUSH_BITS) cfc_set_mxcsr(csr | CFC_FLUSH_BITS);
    return csr;
}

void cfc_restore_control(uint64_t saved) {
    if (cfc_mxcsr() != (uint32_t)saved) cfc_set_mxcsr((uint32_t)saved);
}

int cfc_subnormals_flushed(void) { return (cfc_mxcsr() & CFC_FLUSH_BITS) == CFC_FLUSH_BITS; }

// XCR0 bits the operating system sets when it saves the SSE/AVX (YMM) and AVX-512 (opmask,
// ZMM) register state on a context switch; without them the instructions fault.
static uint64_t cfc_xcr0(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) return 0;
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return ((uint64_t)hi << 32) | lo;
}

static int cfc_has_avx2_fma(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    int fma = (c & bit_FMA) != 0, avx = (c & bit_AVX) != 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    int avx2 = (b & bit_AVX2) != 0;
    return fma && avx && avx2 && (cfc_xcr0() & 0x6) == 0x6;
}

static int cfc_has_avx512f(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b & bit_AVX512F) != 0 && (cfc_xcr0() & 0xE6) == 0xE6;
}

int cfc_cpu_runs_build(void) {
#if CFC_NEEDS_AVX512
    return cfc_has_avx512f() && cfc_has_avx2_fma();
#elif CFC_NEEDS_AVX2_FMA
    return cfc_has_avx2_fma();
#else
    return 1;
#endif
}

int cfc_cpu_vector_bits(void) {
    if (cfc_has_avx512f()) return 512;
    if (cfc_has_avx2_fma()) return 256;
    return 128;
}

int cfc_cpu_brand(char *buffer, int size) {
    unsigned regs[12];
    unsigned max = __get_cpuid_max(0x80000000u, 0);
    if (size <= 0 || max < 0x80000004u) return 0;
    for (unsigned i = 0; i < 3; i++) {
        __get_cpuid(0x80000002u + i, &regs[4 * i], &regs[4 * i + 1], &regs[4 * i + 2], &regs[4 * i + 3]);
    }
    char brand[49];
    memcpy(brand, regs, 48);
    brand[48] = 0;
    // Brand strings are padded with spaces on either side.
    const char *start = brand;
    while (*start == ' ') start++;
    size_t n = strlen(start);
    while (n > 0 && start[n - 1] == ' ') n--;
    if (n == 0) return 0;
    if (n >= (size_t)size) n = (size_t)size - 1;
    memcpy(buffer, start, n);
    buffer[n] = 0;
    return 1;
}

#elif defined(__aarch64__)

// FPCR bit 24 (FZ): subnormal inputs and results are flushed to zero.
#define CFC_FZ (1ull << 24)

static inline uint64_t cfc_fpcr(void) {
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}

static inline void cfc_set_fpcr(uint64_t v) {
    __asm__ volatile("msr fpcr, %0" : : "r"(v));
}

uint64_t cfc_read_control(void) { return cfc_fpcr(); }

uint64_t cfc_flush_subnormals(void) {
    uint64_t v = cfc_fpcr();
    if (!(v & CFC_FZ)) cfc_set_fpcr(v | CFC_FZ);
    return v;
}

void cfc_restore_control(uint64_t saved) {
    if (cfc_fpcr() != saved) cfc_set_fpcr(saved);
}

int cfc_subnormals_flushed(void) { return (cfc_fpcr() & CFC_FZ) != 0; }
int cfc_cpu_runs_build(void) { return 1; }
int cfc_cpu_vector_bits(void) { return 128; }
int cfc_cpu_brand(char *buffer, int size) { (void)buffer; (void)size; return 0; }

#else

uint64_t cfc_read_control(void) { return 0; }
uint64_t cfc_flush_subnormals(void) { return 0; }
void cfc_restore_control(uint64_t saved) { (void)saved; }
int cfc_subnormals_flushed(void) { return 0; }
int cfc_cpu_runs_build(void) { return 1; }
int cfc_cpu_vector_bits(void) { return 128; }
int cfc_cpu_brand(char *buffer, int size) { (void)buffer; (void)size; return 0; }

#endif

int cfc_build_vector_bits(void) {
#if defined(__x86_64__) && (CFC_NEEDS_AVX2_FMA || CFC_NEEDS_AVX512)
    return 256;
#else
    return 128;
#endif
}

const char *cfc_build_baseline(void) {
#if defined(__x86_64__) && CFC_NEEDS_AVX512
    return CFC_BASELINE " (AVX-512, AVX2, FMA)";
#elif defined(__x86_64__) && CFC_NEEDS_AVX2_FMA
    return CFC_BASELINE " (AVX2, FMA)";
#elif defined(__x86_64__)
    return CFC_BASELINE " (SSE2)";
#elif defined(__aarch64__)
    return "arm64 (NEON)";
#else
    return "portable default";
#endif
}
