/**
 * @file frame.c
 * @brief Frame encoding and decoding. Decoding checks, in this order:
 *        start byte and length, CRC-16, HMAC, sequence number. Only a frame
 *        that passes all four is handed to the command dispatcher.
 *
 * @unit SU-COMM
 */
#include <string.h>

#include "comm.h"

/**
 * CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), check value 0x29B1.
 * @implements SRS-032
 */
uint16_t comm_crc16(const uint8_t *data, size_t len)
{
    uint16_t crc = 0xFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc ^= (uint16_t)((uint16_t)data[i] << 8);
        for (unsigned bit = 0; bit < 8u; bit++) {
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
        }
    }
    return crc;
}

/** @implements SRS-032 */
static void put_header(uint8_t *h, const comm_msg_t *msg)
{
    h[0] = (uint8_t)(msg->len & 0xFFu);
    h[1] = (uint8_t)(msg->len >> 8);
    h[2] = (uint8_t)(msg->seq & 0xFFu);
    h[3] = (uint8_t)((msg->seq >> 8) & 0xFFu);
    h[4] = (uint8_t)((msg->seq >> 16) & 0xFFu);
    h[5] = (uint8_t)(msg->seq >> 24);
    h[6] = msg->type;
}

/**
 * @implements SRS-030, SRS-032
 * @mitigates RC-07
 */
ic_status_t comm_frame_encode(const comm_msg_t *msg, uint8_t *out, size_t cap, size_t *out_len)
{
    if (msg == NULL || out == NULL || out_len == NULL || msg->len > COMM_MAX_PAYLOAD) {
        return IC_ERR_PARAM;
    }
    size_t total = COMM_FRAME_OVERHEAD + msg->len;
    if (cap < total) {
        return IC_ERR_PARAM;
    }
    out[0] = COMM_SOF;
    put_header(&out[1], msg);
    memcpy(&out[1u + COMM_HEADER_SIZE], msg->payload, msg->len);
    uint8_t *mac = &out[1u + COMM_HEADER_SIZE + msg->len];
    ic_status_t st = comm_auth_compute(&out[1], COMM_HEADER_SIZE, msg->payload, msg->len, mac);
    if (st != IC_OK) {
        return st;
    }
    uint16_t crc = comm_crc16(&out[1], total - 1u - COMM_CRC_SIZE);
    out[total - 2u] = (uint8_t)(crc >> 8);
    out[total - 1u] = (uint8_t)(crc & 0xFFu);
    *out_len = total;
    return IC_OK;
}

/**
 * @implements SRS-030, SRS-031, SRS-032
 * @mitigates RC-07
 */
ic_status_t comm_frame_decode(const uint8_t *frame, size_t len, comm_msg_t *msg)
{
    if (frame == NULL || msg == NULL || len < COMM_FRAME_OVERHEAD || len > COMM_MAX_FRAME || frame[0] != COMM_SOF) {
        return IC_ERR_FRAME;
    }
    const uint8_t *h = &frame[1];
    uint16_t payload_len = (uint16_t)(h[0] | ((uint16_t)h[1] << 8));
    if (payload_len > COMM_MAX_PAYLOAD || len != COMM_FRAME_OVERHEAD + payload_len) {
        return IC_ERR_FRAME;
    }
    uint16_t crc = (uint16_t)(((uint16_t)frame[len - 2u] << 8) | frame[len - 1u]);
    if (comm_crc16(&frame[1], len - 1u - COMM_CRC_SIZE) != crc) {
        return IC_ERR_FRAME;
    }

    const uint8_t *payload = &h[COMM_HEADER_SIZE];
    const uint8_t *mac = &payload[payload_len];
    uint8_t expected[COMM_MAC_SIZE];
    ic_status_t st = comm_auth_compute(h, COMM_HEADER_SIZE, payload, payload_len, expected);
    if (st != IC_OK) {
        return st;
    }
    if (!comm_auth_equal(expected, mac, COMM_MAC_SIZE)) {
        return IC_ERR_AUTH;
    }

    uint32_t seq = (uint32_t)h[2] | ((uint32_t)h[3] << 8) | ((uint32_t)h[4] << 16) | ((uint32_t)h[5] << 24);
    if (comm_replay_check(seq) != IC_OK) {
        return IC_ERR_REPLAY;
    }
    comm_replay_accept(seq);

    msg->len = payload_len;
    msg->seq = seq;
    msg->type = h[6];
    memcpy(msg->payload, payload, payload_len);
    return IC_OK;
}
