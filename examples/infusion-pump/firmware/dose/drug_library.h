/**
 * @file drug_library.h
 * @brief Drug library (DERS): per-drug concentration and rate limits, loaded
 *        from a CRC-32 protected image written by the pharmacy editor.
 *
 * @unit SU-DOSE
 * @implements SRS-011, SRS-012, SRS-014
 * @mitigates RC-03
 */
#ifndef INFUCARE_DRUG_LIBRARY_H
#define INFUCARE_DRUG_LIBRARY_H

#include "platform.h"

#define DRUG_LIB_MAGIC        0x4C444349u  /* "ICDL" little endian */
#define DRUG_LIB_MAX_ENTRIES  64u
#define DRUG_LIB_HEADER_SIZE  8u
#define DRUG_LIB_RECORD_SIZE  16u
#define DRUG_LIB_CRC_SIZE     4u

/** Mechanism maximum, 999.9 mL/h, in 0.1 mL/h. */
#define PUMP_MAX_RATE_ML_H_X10  9999u

/** One drug entry. Rates are in 0.1 mL/h. */
typedef struct {
    uint16_t drug_id;
    uint32_t concentration_ug_per_ml;
    uint32_t soft_max_rate_ml_h_x10;
    uint32_t hard_max_rate_ml_h_x10;
} drug_entry_t;

uint32_t druglib_crc32(const uint8_t *data, size_t len);
ic_status_t druglib_load(const uint8_t *image, size_t len);
const drug_entry_t *druglib_find(uint16_t drug_id);
bool druglib_is_valid(void);

#endif /* INFUCARE_DRUG_LIBRARY_H */
