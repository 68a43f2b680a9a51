# Chapter 8 calls Chapter 6's functions (attention_forward, and your 6.4-6.6 in the backward).
set(uses ch06)
