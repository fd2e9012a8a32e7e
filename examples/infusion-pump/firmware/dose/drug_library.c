/**
 * @file drug_library.c
 * @brief Parses and integrity-checks the drug library image.
 *
 * Image layout (little endian):
 *   u32 magic | u16 format version | u16 record count
 *   count x { u16 drug id | u16 reserved | u32 concentration ug/mL |
 *             u32 soft max 0.1 mL/h | u32 hard max 0.1 mL/h }
 *   u32 CRC-32 (IEEE 802.3) over everything before it
 *
 * @unit SU-DOSE
 */
#include "drug_library.h"

static drug_entry_t s_entries[DRUG_LIB_MAX_ENTRIES];
static size_t s_count;
static bool s_valid;

/**
 * CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), bitwise so that the
 * table cannot itself be corrupted in flash.
 * @implements SRS-014
 * @mitigates RC-03
 */
uint32_t druglib_crc32(const uint8_t *data, size_t len)
{
    uint32_t crc = 0xFFFFFFFFu;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (unsigned bit = 0; bit < 8u; bit++) {
            uint32_t mask = (uint32_t)(-(int32_t)(crc & 1u));
            crc = (crc >> 1) ^ (0xEDB88320u & mask);
        }
    }
    return ~crc;
}

/** @implements SRS-014 */
static uint16_t read_u16le(const uint8_t *p)
{
    return (uint16_t)(p[0] | ((uint16_t)p[1] << 8));
}

/** @implements SRS-014 */
static uint32_t read_u32le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/**
 * Validate and activate a library image. On any failure the previously
 * active library is discarded as well: the pump then refuses to start an
 * infusion until a valid library is loaded (fail safe).
 *
 * @implements SRS-014, SRS-011
 * @mitigates RC-03
 */
ic_status_t druglib_load(const uint8_t *image, size_t len)
{
    s_valid = false;
    s_count = 0u;

    if (image == NULL || len < DRUG_LIB_HEADER_SIZE + DRUG_LIB_CRC_SIZE) {
        return IC_ERR_LIBRARY_CORRUPT;
    }
    size_t count = read_u16le(&image[6]);
    if (read_u32le(image) != DRUG_LIB_MAGIC || count == 0u || count > DRUG_LIB_MAX_ENTRIES ||
        len != DRUG_LIB_HEADER_SIZE + count * DRUG_LIB_RECORD_SIZE + DRUG_LIB_CRC_SIZE) {
        return IC_ERR_LIBRARY_CORRUPT;
    }
    size_t body = len - DRUG_LIB_CRC_SIZE;
    if (druglib_crc32(image, body) != read_u32le(&image[body])) {
        return IC_ERR_LIBRARY_CORRUPT;
    }

    for (size_t i = 0; i < count; i++) {
        const uint8_t *rec = &image[DRUG_LIB_HEADER_SIZE + i * DRUG_LIB_RECORD_SIZE];
        drug_entry_t e = {
            .drug_id = read_u16le(&rec[0]),
            .concentration_ug_per_ml = read_u32le(&rec[4]),
            .soft_max_rate_ml_h_x10 = read_u32le(&rec[8]),
            .hard_max_rate_ml_h_x10 = read_u32le(&rec[12]),
        };
        /* Plausibility: a library that could command more than the
         * mechanism can deliver, or whose soft limit exceeds its hard limit,
         * was not produced by the validated editor. */
        if (e.concentration_ug_per_ml == 0u || e.soft_max_rate_ml_h_x10 > e.hard_max_rate_ml_h_x10 ||
            e.hard_max_rate_ml_h_x10 > PUMP_MAX_RATE_ML_H_X10) {
            s_count = 0u;
            return IC_ERR_LIBRARY_CORRUPT;
        }
        s_entries[i] = e;
    }
    s_count = count;
    s_valid = true;
    return IC_OK;
}

/**
 * @return the entry for drug_id, or NULL when absent or no valid library.
 * @implements SRS-011, SRS-012
 */
const drug_entry_t *druglib_find(uint16_t drug_id)
{
    if (!s_valid) {
        return NULL;
    }
    for (size_t i = 0; i < s_count; i++) {
        if (s_entries[i].drug_id == drug_id) {
            return &s_entries[i];
        }
    }
    return NULL;
}

/**
 * @implements SRS-014
 * @mitigates RC-03
 */
bool druglib_is_valid(void)
{
    return s_valid;
}
