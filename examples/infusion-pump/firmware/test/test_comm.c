/**
 * @file test_comm.c
 * @brief Unit tests of framing, HMAC authentication and replay protection
 *        (SU-COMM). Linked against the real Mbed TLS.
 * @unit SU-COMM
 */
#include <string.h>

#include "unity.h"
#include "comm.h"

static uint8_t s_frame[COMM_MAX_FRAME];
static size_t s_frame_len;

/** Provision a link key derived from a per-test seed. */
static void provision_key(uint8_t seed)
{
    uint8_t key[COMM_KEY_SIZE];
    for (size_t i = 0; i < sizeof key; i++) {
        key[i] = (uint8_t)(seed * 31u + i * 7u);
    }
    TEST_ASSERT_EQUAL(IC_OK, comm_auth_init(key, sizeof key));
}

static void encode_set_rate(uint32_t seq, uint32_t rate_ml_h_x10)
{
    comm_msg_t msg = { .seq = seq, .type = COMM_MSG_SET_RATE, .len = 4u };
    memcpy(msg.payload, &rate_ml_h_x10, sizeof rate_ml_h_x10);
    TEST_ASSERT_EQUAL(IC_OK, comm_frame_encode(&msg, s_frame, sizeof s_frame, &s_frame_len));
}

/** Rewrite the CRC after a deliberate modification, as an attacker would. */
static void fix_crc(void)
{
    uint16_t crc = comm_crc16(&s_frame[1], s_frame_len - 1u - COMM_CRC_SIZE);
    s_frame[s_frame_len - 2u] = (uint8_t)(crc >> 8);
    s_frame[s_frame_len - 1u] = (uint8_t)(crc & 0xFFu);
}

void setUp(void)
{
    provision_key(1u);
}

void tearDown(void)
{
    comm_auth_reset();
}

/** @verifies SRS-032 */
void test_crc16_check_value(void)
{
    const uint8_t check[] = "123456789";
    TEST_ASSERT_EQUAL_HEX16(0x29B1u, comm_crc16(check, 9u));
}

/** @verifies SRS-032 */
void test_frame_with_transmission_error_is_discarded(void)
{
    encode_set_rate(1u, 125u);
    s_frame[3] ^= 0x40u;
    comm_msg_t out;
    TEST_ASSERT_EQUAL(IC_ERR_FRAME, comm_frame_decode(s_frame, s_frame_len, &out));
}

/** @verifies SRS-030, RC-07 */
void test_authentic_frame_round_trips(void)
{
    encode_set_rate(1u, 125u);
    comm_msg_t out;
    TEST_ASSERT_EQUAL(IC_OK, comm_frame_decode(s_frame, s_frame_len, &out));
    TEST_ASSERT_EQUAL(COMM_MSG_SET_RATE, out.type);
    TEST_ASSERT_EQUAL(4u, out.len);
}

/** @verifies SRS-030, RC-07 */
void test_tampered_payload_with_valid_crc_is_rejected(void)
{
    encode_set_rate(1u, 125u);
    s_frame[1u + COMM_HEADER_SIZE] = 0xFFu;  /* rate 12.5 -> 25.5 mL/h */
    fix_crc();
    comm_msg_t out;
    TEST_ASSERT_EQUAL(IC_ERR_AUTH, comm_frame_decode(s_frame, s_frame_len, &out));
}

/** @verifies SRS-031, RC-07 */
void test_replayed_frame_is_rejected(void)
{
    encode_set_rate(7u, 125u);
    comm_msg_t out;
    TEST_ASSERT_EQUAL(IC_OK, comm_frame_decode(s_frame, s_frame_len, &out));
    TEST_ASSERT_EQUAL(IC_ERR_REPLAY, comm_frame_decode(s_frame, s_frame_len, &out));
    encode_set_rate(6u, 125u);
    TEST_ASSERT_EQUAL(IC_ERR_REPLAY, comm_frame_decode(s_frame, s_frame_len, &out));
}

int main(void)
{
    UNITY_BEGIN();
    RUN_TEST(test_crc16_check_value);
    RUN_TEST(test_frame_with_transmission_error_is_discarded);
    RUN_TEST(test_authentic_frame_round_trips);
    RUN_TEST(test_tampered_payload_with_valid_crc_is_rejected);
    RUN_TEST(test_replayed_frame_is_rejected);
    return UNITY_END();
}
