/*
 * Minimal subset of the Mbed TLS 3.6 <mbedtls/platform_util.h> API used by
 * InfuCare, for syntax checking only (see md.h).
 */
#ifndef MBEDTLS_PLATFORM_UTIL_H
#define MBEDTLS_PLATFORM_UTIL_H

#include <stddef.h>

void mbedtls_platform_zeroize(void *buf, size_t len);

#endif /* MBEDTLS_PLATFORM_UTIL_H */
