#Chapter 9 trains Chapter 8's GPT stack(gpt_forward, gpt_backward, named_parameters; Chapter 8
#links Chapter 6, so Chapter 6's functions come along) and generates with Chapter 7's KV cache
#(kv_cache_step).A used chapter's library carries its own uses: naming ch08 brings ch06.
set(uses ch07 ch08)
