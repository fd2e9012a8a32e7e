/**
 * @file auth.c
 * @brief HMAC-SHA256 message authentication (Mbed TLS) and replay
 *        protection. The 256-bit link key is provisioned per pump at
 *        manufacturing, read from the secure element at boot and handed to
 *        comm_auth_init(); it is never stored in flash or in this image.
 *
 * @unit SU-COMM
 */
#include <string.h>

#include "mbedtls/md.h"
#include "mbedtls/platform_util.h"

#include "comm.h"

static uint8_t s_key[COMM_KEY_SIZE];
static bool s_have_key;
static uint32_t s_last_seq;

/**
 * @implements SRS-030
 * @mitigates RC-07
 */
ic_status_t comm_auth_init(const uint8_t *key, size_t key_len)
{
    if (key == NULL || key_len != COMM_KEY_SIZE) {
        return IC_ERR_PARAM;
    }
    memcpy(s_key, key, COMM_KEY_SIZE);
    s_have_key = true;
    s_last_seq = 0u;
    return IC_OK;
}

/**
 * Zeroise the key and the replay state, e.g. on unpairing or tamper switch.
 * @implements SRS-030, SRS-031
 * @mitigates RC-07
 */
void comm_auth_reset(void)
{
    mbedtls_platform_zeroize(s_key, sizeof s_key);
    s_have_key = false;
    s_last_seq = 0u;
}

/**
 * HMAC-SHA256 over header || payload.
 * @implements SRS-030
 * @mitigates RC-07
 */
ic_status_t comm_auth_compute(const uint8_t *header, size_t header_len,
                              const uint8_t *payload, size_t payload_len,
                              uint8_t mac[COMM_MAC_SIZE])
{
    if (!s_have_key || header == NULL || mac == NULL || (payload == NULL && payload_len != 0u)) {
        return IC_ERR_PARAM;
    }
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    if (info == NULL) {
        return IC_ERR_CRYPTO;
    }
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    int rc = mbedtls_md_setup(&ctx, info, 1);
    if (rc == 0) {
        rc = mbedtls_md_hmac_starts(&ctx, s_key, sizeof s_key);
    }
    if (rc == 0) {
        rc = mbedtls_md_hmac_update(&ctx, header, header_len);
    }
    if (rc == 0 && payload_len != 0u) {
        rc = mbedtls_md_hmac_update(&ctx, payload, payload_len);
    }
    if (rc == 0) {
        rc = mbedtls_md_hmac_finish(&ctx, mac);
    }
    mbedtls_md_free(&ctx);
    return (rc == 0) ? IC_OK : IC_ERR_CRYPTO;
}

/**
 * Constant-time comparison, so that the time to reject a forged MAC does not
 * reveal how many leading bytes were right.
 * @implements SRS-030
 * @mitigates RC-07
 */
bool comm_auth_equal(const uint8_t *a, const uint8_t *b, size_t len)
{
    volatile uint8_t diff = 0u;
    for (size_t i = 0; i < len; i++) {
        diff |= (uint8_t)(a[i] ^ b[i]);
    }
    return diff == 0u;
}

/**
 * A message is fresh when its sequence number is strictly greater than the
 * last authenticated one. Checked only after the MAC verified.
 * @implements SRS-031
 * @mitigates RC-07
 */
ic_status_t comm_replay_check(uint32_t seq)
{
    return (seq > s_last_seq) ? IC_OK : IC_ERR_REPLAY;
}

/**
 * @implements SRS-031
 * @mitigates RC-07
 */
void comm_replay_accept(uint32_t seq)
{
    s_last_seq = seq;
}
