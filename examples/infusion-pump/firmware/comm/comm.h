/**
 * @file comm.h
 * @brief Framing and message authentication for the serial (nurse call /
 *        docking station) and BLE links.
 *
 * Frame: SOF | len u16 | seq u32 | type u8 | payload[len] | HMAC-SHA256 [32] | CRC-16 u16
 * The HMAC covers len, seq, type and payload; the CRC covers everything
 * after SOF and only detects transmission errors.
 *
 * @unit SU-COMM
 * @implements SRS-030, SRS-031, SRS-032
 * @mitigates RC-07
 */
#ifndef INFUCARE_COMM_H
#define INFUCARE_COMM_H

#include "platform.h"

#define COMM_SOF            0x7Eu
#define COMM_HEADER_SIZE    7u      /* len(2) + seq(4) + type(1) */
#define COMM_MAC_SIZE       32u
#define COMM_CRC_SIZE       2u
#define COMM_MAX_PAYLOAD    192u
#define COMM_KEY_SIZE       32u
#define COMM_FRAME_OVERHEAD (1u + COMM_HEADER_SIZE + COMM_MAC_SIZE + COMM_CRC_SIZE)
#define COMM_MAX_FRAME      (COMM_FRAME_OVERHEAD + COMM_MAX_PAYLOAD)

typedef enum {
    COMM_MSG_TELEMETRY = 0x01,
    COMM_MSG_SET_RATE = 0x10,
    COMM_MSG_STOP = 0x11,
    COMM_MSG_ACK = 0x7F
} comm_msg_type_t;

typedef struct {
    uint32_t seq;
    uint8_t type;
    uint16_t len;
    uint8_t payload[COMM_MAX_PAYLOAD];
} comm_msg_t;

/* frame.c */
uint16_t comm_crc16(const uint8_t *data, size_t len);
ic_status_t comm_frame_encode(const comm_msg_t *msg, uint8_t *out, size_t cap, size_t *out_len);
ic_status_t comm_frame_decode(const uint8_t *frame, size_t len, comm_msg_t *msg);

/* auth.c */
ic_status_t comm_auth_init(const uint8_t *key, size_t key_len);
void comm_auth_reset(void);
ic_status_t comm_auth_compute(const uint8_t *header, size_t header_len,
                              const uint8_t *payload, size_t payload_len,
                              uint8_t mac[COMM_MAC_SIZE]);
bool comm_auth_equal(const uint8_t *a, const uint8_t *b, size_t len);
ic_status_t comm_replay_check(uint32_t seq);
void comm_replay_accept(uint32_t seq);

#endif /* INFUCARE_COMM_H */
