/**
 * @file dose_calc.h
 * @brief Weight-based rate calculation and the rate limit checks applied
 *        before any rate reaches the motor controller.
 *
 * @unit SU-DOSE
 * @implements SRS-010, SRS-011, SRS-012, SRS-013
 * @mitigates RC-01, RC-02
 */
#ifndef INFUCARE_DOSE_CALC_H
#define INFUCARE_DOSE_CALC_H

#include "drug_library.h"

/** A dose order as programmed on the keypad or received from the EHR. */
typedef struct {
    uint16_t drug_id;
    uint32_t dose_ug_kg_min_x100;   /* 0.01 ug/kg/min */
    uint32_t weight_g;              /* patient weight in grams */
    uint32_t vtbi_ml_x10;           /* volume to be infused, 0.1 mL */
} dose_order_t;

ic_status_t dose_compute_rate(const dose_order_t *order, const drug_entry_t *drug, uint32_t *rate_ml_h_x10);
ic_status_t dose_check_limits(uint32_t rate_ml_h_x10, const drug_entry_t *drug, bool clinician_confirmed);
ic_status_t dose_program(const dose_order_t *order, bool clinician_confirmed, uint32_t *rate_ml_h_x10);
uint32_t dose_time_remaining_s(uint32_t vtbi_ml_x10, uint32_t rate_ml_h_x10);
int dose_debug_format(const dose_order_t *order, uint32_t rate_ml_h_x10, char *buf, size_t len);

#endif /* INFUCARE_DOSE_CALC_H */
