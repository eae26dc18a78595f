
import {ReflexEvent,applyEventActions,getFormData,getRefValue,getRefValues,isTrue,mergeSlotProps,pyAnd,pyOr,refs} from "$/utils/state"
import {useStateContext} from "$/utils/context-registry"
import {jsx} from "@emotion/react"
import {Fragment,memo,useCallback,useEffect,useRef} from "react"
import {Root as RadixFormRoot} from "@radix-ui/react-form"
import {addEvents} from "$/utils/context"
import {Button as RadixThemesButton,Card as RadixThemesCard,Heading as RadixThemesHeading,Text as RadixThemesText,TextField as RadixThemesTextField} from "@radix-ui/themes"








export const Match_comp_130f4d6de5bbcc5f2961e87e52d56bef_8f218ded = /*#__PURE__*/ (() => {
const Match_comp_130f4d6de5bbcc5f2961e87e52d56bef_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state__victim_app___state____unlock_state = useStateContext("reflex___state____state.victim_app___state____victim_state.victim_app___state____unlock_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__victim_app___state____victim_state__victim_app___state____unlock_state.error_rx_state_)) {
    case JSON.stringify("code_wrong"):
      return children?.at?.(0);
      break;
    case JSON.stringify("code_mismatch"):
      return children?.at?.(1);
      break;
    case JSON.stringify("too_many_attempts"):
      return children?.at?.(2);
      break;
    case JSON.stringify("pin_format"):
      return children?.at?.(3);
      break;
    case JSON.stringify("pin_too_simple"):
      return children?.at?.(4);
      break;
    case JSON.stringify("pin_wrong"):
      return children?.at?.(5);
      break;
    case JSON.stringify("account_locked"):
      return children?.at?.(6);
      break;
    case JSON.stringify("nickname_invalid"):
      return children?.at?.(7);
      break;
    case JSON.stringify("age_band_invalid"):
      return children?.at?.(8);
      break;
    case JSON.stringify("nothing_to_unlock_with"):
      return children?.at?.(9);
      break;
    case JSON.stringify("no_code"):
      return children?.at?.(10);
      break;
    default:
      return children?.at?.(11);
      break;
  }
})()
    )
});
Match_comp_130f4d6de5bbcc5f2961e87e52d56bef_8f218ded.displayName = "Match";
return Match_comp_130f4d6de5bbcc5f2961e87e52d56bef_8f218ded;
})();

export const Form_root_a9e9153edda3fe238ecff8f57eb0c7cb_8f218ded = /*#__PURE__*/ (() => {
const Form_root_a9e9153edda3fe238ecff8f57eb0c7cb_8f218ded = memo(({children, ...rest}) => {
    
    const handleSubmit_800458c27536cfcaec315846dfb77742 = useCallback((ev) => {
        const $form = ev.target
        ev.preventDefault()
        const form_data = getFormData($form, ({ ["unlock_pin"] : getRefValue(refs["ref_unlock_pin"]) }));

        (((...args) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____unlock_state.unlock", ({ ["form"] : form_data }), ({  })))], args, ({  }))))(ev));

        if (true) {
            $form.reset()
        }
    })
    
    return(
        jsx(RadixFormRoot,{...mergeSlotProps(rest, ({ className:"Root ", css:({ ["width"] : "100%" }), onSubmit:handleSubmit_800458c27536cfcaec315846dfb77742 }))},children)
    )
});
Form_root_a9e9153edda3fe238ecff8f57eb0c7cb_8f218ded.displayName = "Form";
return Form_root_a9e9153edda3fe238ecff8f57eb0c7cb_8f218ded;
})();

export const Cond_comp_d2e908c318038b69c2ac168dd4b2ea5f_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_d2e908c318038b69c2ac168dd4b2ea5f_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        (reflex___state____state__victim_app___state____victim_state.has_pin_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_d2e908c318038b69c2ac168dd4b2ea5f_8f218ded.displayName = "Cond";
return Cond_comp_d2e908c318038b69c2ac168dd4b2ea5f_8f218ded;
})();

export const Cond_comp_d0e11c78433ebb9716705a6dc665a338_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_d0e11c78433ebb9716705a6dc665a338_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        (pyAnd(reflex___state____state__victim_app___state____victim_state.ready_rx_state_, () => (!(reflex___state____state__victim_app___state____victim_state.has_code_rx_state_)))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_d0e11c78433ebb9716705a6dc665a338_8f218ded.displayName = "Cond";
return Cond_comp_d0e11c78433ebb9716705a6dc665a338_8f218ded;
})();

export const Cond_comp_215f13b5fd7e377b0ede5ad69bdd3ff0_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_215f13b5fd7e377b0ede5ad69bdd3ff0_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        (reflex___state____state__victim_app___state____victim_state.locked_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_215f13b5fd7e377b0ede5ad69bdd3ff0_8f218ded.displayName = "Cond";
return Cond_comp_215f13b5fd7e377b0ede5ad69bdd3ff0_8f218ded;
})();

export const Span_span_1123dbf4325fea7ef5e016a877852cd4_8f218ded = /*#__PURE__*/ (() => {
const Span_span_1123dbf4325fea7ef5e016a877852cd4_8f218ded = memo(({children, ...rest}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        jsx("span",{...mergeSlotProps(rest, ({ "data-abri-navigate":reflex___state____state__victim_app___state____victim_state.session_url_rx_state_ }))},)
    )
});
Span_span_1123dbf4325fea7ef5e016a877852cd4_8f218ded.displayName = "Span";
return Span_span_1123dbf4325fea7ef5e016a877852cd4_8f218ded;
})();

export const Cond_comp_e6bb83878f22efe4372088a71fff43fd_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_e6bb83878f22efe4372088a71fff43fd_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        (!((reflex___state____state__victim_app___state____victim_state.session_url_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_e6bb83878f22efe4372088a71fff43fd_8f218ded.displayName = "Cond";
return Cond_comp_e6bb83878f22efe4372088a71fff43fd_8f218ded;
})();

export const Cond_comp_b608ba6774805279b88a2374f968acd8_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_b608ba6774805279b88a2374f968acd8_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        (pyOr(reflex___state____state__victim_app___state____victim_state.has_pin_rx_state_, () => (reflex___state____state__victim_app___state____victim_state.has_code_rx_state_))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_b608ba6774805279b88a2374f968acd8_8f218ded.displayName = "Cond";
return Cond_comp_b608ba6774805279b88a2374f968acd8_8f218ded;
})();

export const Foreach_comp_f3e221d2652a082b6fc33dce0780b3c7_8f218ded = /*#__PURE__*/ (() => {
const Foreach_comp_f3e221d2652a082b6fc33dce0780b3c7_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____info_state = useStateContext("reflex___state____state.victim_app___state____info_state")
    return(
        Array.prototype.map.call(reflex___state____state__victim_app___state____info_state.articles_rx_state_ ?? [],((article_rx_state_,index_f563d6dc6d64f89124d988bb8836d8fa)=>(jsx(RadixThemesCard,{css:({ ["background"] : "#ffffff", ["width"] : "100%" }),key:index_f563d6dc6d64f89124d988bb8836d8fa,size:"3"},jsx("details",{},jsx("summary",{css:({ ["cursor"] : "pointer", ["minHeight"] : "44px", ["padding"] : "0.25rem 0" })},jsx(RadixThemesHeading,{as:"h2",css:({ ["display"] : "inline" }),size:"4"},article_rx_state_?.["title"])),jsx(RadixThemesText,{as:"p",css:({ ["color"] : "#3b4a52", ["marginBottom"] : "0.75rem" })},article_rx_state_?.["summary"]),jsx("div",{className:"rx-Html abri-article",dangerouslySetInnerHTML:({ ["__html"] : article_rx_state_?.["body_html"] })},))))))
    )
});
Foreach_comp_f3e221d2652a082b6fc33dce0780b3c7_8f218ded.displayName = "Foreach";
return Foreach_comp_f3e221d2652a082b6fc33dce0780b3c7_8f218ded;
})();

export const Cond_comp_de2e60d35f43db8b1ed22542bb724696_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_de2e60d35f43db8b1ed22542bb724696_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____info_state = useStateContext("reflex___state____state.victim_app___state____info_state")
    return(
        ((reflex___state____state__victim_app___state____info_state.articles_rx_state_.length > 0)?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_de2e60d35f43db8b1ed22542bb724696_8f218ded.displayName = "Cond";
return Cond_comp_de2e60d35f43db8b1ed22542bb724696_8f218ded;
})();

export const Cond_comp_e7d3949b4fda869db4b285b2780f1e37_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_e7d3949b4fda869db4b285b2780f1e37_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state = useStateContext("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state")
    return(
        (reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state.restored_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_e7d3949b4fda869db4b285b2780f1e37_8f218ded.displayName = "Cond";
return Cond_comp_e7d3949b4fda869db4b285b2780f1e37_8f218ded;
})();

export const Match_comp_69cbae7109228072bc44a6d6459cf69d_8f218ded = /*#__PURE__*/ (() => {
const Match_comp_69cbae7109228072bc44a6d6459cf69d_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state = useStateContext("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state.error_rx_state_)) {
    case JSON.stringify("code_wrong"):
      return children?.at?.(0);
      break;
    case JSON.stringify("code_mismatch"):
      return children?.at?.(1);
      break;
    case JSON.stringify("too_many_attempts"):
      return children?.at?.(2);
      break;
    case JSON.stringify("pin_format"):
      return children?.at?.(3);
      break;
    case JSON.stringify("pin_too_simple"):
      return children?.at?.(4);
      break;
    case JSON.stringify("pin_wrong"):
      return children?.at?.(5);
      break;
    case JSON.stringify("account_locked"):
      return children?.at?.(6);
      break;
    case JSON.stringify("nickname_invalid"):
      return children?.at?.(7);
      break;
    case JSON.stringify("age_band_invalid"):
      return children?.at?.(8);
      break;
    case JSON.stringify("nothing_to_unlock_with"):
      return children?.at?.(9);
      break;
    case JSON.stringify("no_code"):
      return children?.at?.(10);
      break;
    default:
      return children?.at?.(11);
      break;
  }
})()
    )
});
Match_comp_69cbae7109228072bc44a6d6459cf69d_8f218ded.displayName = "Match";
return Match_comp_69cbae7109228072bc44a6d6459cf69d_8f218ded;
})();

export const Match_comp_450d7b595668a82520885de6baa65d2a_8f218ded = /*#__PURE__*/ (() => {
const Match_comp_450d7b595668a82520885de6baa65d2a_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state = useStateContext("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state.notice_rx_state_)) {
    case JSON.stringify("code.confirmed"):
      return children?.at?.(0);
      break;
    case JSON.stringify("pin.saved"):
      return children?.at?.(1);
      break;
    case JSON.stringify("pin.removed"):
      return children?.at?.(2);
      break;
    case JSON.stringify("profile.saved"):
      return children?.at?.(3);
      break;
    default:
      return children?.at?.(4);
      break;
  }
})()
    )
});
Match_comp_450d7b595668a82520885de6baa65d2a_8f218ded.displayName = "Match";
return Match_comp_450d7b595668a82520885de6baa65d2a_8f218ded;
})();

export const Bare_comp_2b7521e2fa07fb5990bcfb4fa66f2049_8f218ded = /*#__PURE__*/ (() => {
const Bare_comp_2b7521e2fa07fb5990bcfb4fa66f2049_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state = useStateContext("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state")
    return(
        reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state.shown_code_rx_state_
    )
});
Bare_comp_2b7521e2fa07fb5990bcfb4fa66f2049_8f218ded.displayName = "Bare";
return Bare_comp_2b7521e2fa07fb5990bcfb4fa66f2049_8f218ded;
})();

export const Form_root_058d8e049c95310c8feaed792d334004_8f218ded = /*#__PURE__*/ (() => {
const Form_root_058d8e049c95310c8feaed792d334004_8f218ded = memo(({children, ...rest}) => {
    
    const handleSubmit_f7c1f568b82ebcc9ce01449f40518219 = useCallback((ev) => {
        const $form = ev.target
        ev.preventDefault()
        const form_data = getFormData($form, ({ ["code_retype"] : getRefValue(refs["ref_code_retype"]) }));

        (((...args) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.confirm_code", ({ ["form"] : form_data }), ({  })))], args, ({  }))))(ev));

        if (false) {
            $form.reset()
        }
    })
    
    return(
        jsx(RadixFormRoot,{...mergeSlotProps(rest, ({ className:"Root ", css:({ ["width"] : "100%" }), onSubmit:handleSubmit_f7c1f568b82ebcc9ce01449f40518219 }))},children)
    )
});
Form_root_058d8e049c95310c8feaed792d334004_8f218ded.displayName = "Form";
return Form_root_058d8e049c95310c8feaed792d334004_8f218ded;
})();

export const Button_button_7e7e6065801689253224ad3024bd5e11_8f218ded = /*#__PURE__*/ (() => {
const Button_button_7e7e6065801689253224ad3024bd5e11_8f218ded = memo(({children, ...rest}) => {
    const on_click_74978c96938ba899be3caecf5d7b20f8 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.create_code", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ onClick:on_click_74978c96938ba899be3caecf5d7b20f8, variant:"outline" }))},children)
    )
});
Button_button_7e7e6065801689253224ad3024bd5e11_8f218ded.displayName = "Button";
return Button_button_7e7e6065801689253224ad3024bd5e11_8f218ded;
})();

export const Button_button_2b13da3bd81d10f7229b1fc40783bcbc_8f218ded = /*#__PURE__*/ (() => {
const Button_button_2b13da3bd81d10f7229b1fc40783bcbc_8f218ded = memo(({children, ...rest}) => {
    const on_click_74978c96938ba899be3caecf5d7b20f8 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.create_code", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ onClick:on_click_74978c96938ba899be3caecf5d7b20f8, size:"3" }))},children)
    )
});
Button_button_2b13da3bd81d10f7229b1fc40783bcbc_8f218ded.displayName = "Button";
return Button_button_2b13da3bd81d10f7229b1fc40783bcbc_8f218ded;
})();

export const Cond_comp_db75ee422c36058de563ac26b9d18345_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_db75ee422c36058de563ac26b9d18345_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        (reflex___state____state__victim_app___state____victim_state.has_code_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_db75ee422c36058de563ac26b9d18345_8f218ded.displayName = "Cond";
return Cond_comp_db75ee422c36058de563ac26b9d18345_8f218ded;
})();

export const Cond_comp_e0457091050dd914ecf423f92390cc42_8f218ded = /*#__PURE__*/ (() => {
const Cond_comp_e0457091050dd914ecf423f92390cc42_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state = useStateContext("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state")
    return(
        (!((reflex___state____state__victim_app___state____victim_state__victim_app___state____space_state.shown_code_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_e0457091050dd914ecf423f92390cc42_8f218ded.displayName = "Cond";
return Cond_comp_e0457091050dd914ecf423f92390cc42_8f218ded;
})();

export const Button_button_6d5ea23ff323c7fc96784ca9e913232e_8f218ded = /*#__PURE__*/ (() => {
const Button_button_6d5ea23ff323c7fc96784ca9e913232e_8f218ded = memo(({children, ...rest}) => {
    const on_click_7e0a3cade68b88aa4a45a3ff0aa303c2 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.remove_pin", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ color:"gray", onClick:on_click_7e0a3cade68b88aa4a45a3ff0aa303c2, size:"3", type:"button", variant:"soft" }))},children)
    )
});
Button_button_6d5ea23ff323c7fc96784ca9e913232e_8f218ded.displayName = "Button";
return Button_button_6d5ea23ff323c7fc96784ca9e913232e_8f218ded;
})();

export const Form_root_565bb9f4ea3caf9f62808f152acd5a6f_8f218ded = /*#__PURE__*/ (() => {
const Form_root_565bb9f4ea3caf9f62808f152acd5a6f_8f218ded = memo(({children, ...rest}) => {
    
    const handleSubmit_9fc46ba972b2e43f328dee5a2fc308f3 = useCallback((ev) => {
        const $form = ev.target
        ev.preventDefault()
        const form_data = getFormData($form, ({ ["pin_new"] : getRefValue(refs["ref_pin_new"]) }));

        (((...args) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.save_pin", ({ ["form"] : form_data }), ({  })))], args, ({  }))))(ev));

        if (true) {
            $form.reset()
        }
    })
    
    return(
        jsx(RadixFormRoot,{...mergeSlotProps(rest, ({ className:"Root ", css:({ ["width"] : "100%" }), onSubmit:handleSubmit_9fc46ba972b2e43f328dee5a2fc308f3 }))},children)
    )
});
Form_root_565bb9f4ea3caf9f62808f152acd5a6f_8f218ded.displayName = "Form";
return Form_root_565bb9f4ea3caf9f62808f152acd5a6f_8f218ded;
})();

export const Button_button_08b9f2f849813b4e7a4ae979e702fbcf_8f218ded = /*#__PURE__*/ (() => {
const Button_button_08b9f2f849813b4e7a4ae979e702fbcf_8f218ded = memo(({children, ...rest}) => {
    const on_click_91c6635c26890ca5cebfa8e670c3e573 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.lock_now", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ onClick:on_click_91c6635c26890ca5cebfa8e670c3e573, variant:"outline" }))},children)
    )
});
Button_button_08b9f2f849813b4e7a4ae979e702fbcf_8f218ded.displayName = "Button";
return Button_button_08b9f2f849813b4e7a4ae979e702fbcf_8f218ded;
})();

export const Textfieldroot_textfield__root_dc5ce8b271d947bad51520295c8fb89f_8f218ded = /*#__PURE__*/ (() => {
const Textfieldroot_textfield__root_dc5ce8b271d947bad51520295c8fb89f_8f218ded = memo(({children, ...rest}) => {
    const ref_profile_nickname = useRef(null); refs["ref_profile_nickname"] = ref_profile_nickname;
const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        jsx(RadixThemesTextField.Root,{...mergeSlotProps(rest, ({ autoComplete:"off", defaultValue:reflex___state____state__victim_app___state____victim_state.nickname_rx_state_, id:"profile-nickname", maxLength:40, name:"nickname", ref:ref_profile_nickname, size:"3" }))},)
    )
});
Textfieldroot_textfield__root_dc5ce8b271d947bad51520295c8fb89f_8f218ded.displayName = "TextFieldRoot";
return Textfieldroot_textfield__root_dc5ce8b271d947bad51520295c8fb89f_8f218ded;
})();

export const Select_select_3f6b8e417a95599c2ec7cd3736baf861_8f218ded = /*#__PURE__*/ (() => {
const Select_select_3f6b8e417a95599c2ec7cd3736baf861_8f218ded = memo(({children, ...rest}) => {
    const ref_profile_age = useRef(null); refs["ref_profile_age"] = ref_profile_age;
const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")
    return(
        jsx("select",{...mergeSlotProps(rest, ({ className:"abri-select", defaultValue:(!((reflex___state____state__victim_app___state____victim_state.age_band_rx_state_?.valueOf?.() === ""?.valueOf?.())) ? reflex___state____state__victim_app___state____victim_state.age_band_rx_state_ : "none"), id:"profile-age", name:"age_band", ref:ref_profile_age }))},children)
    )
});
Select_select_3f6b8e417a95599c2ec7cd3736baf861_8f218ded.displayName = "Select";
return Select_select_3f6b8e417a95599c2ec7cd3736baf861_8f218ded;
})();

export const Form_root_8481e899822ad46a9b7e72d5325dc2e1_8f218ded = /*#__PURE__*/ (() => {
const Form_root_8481e899822ad46a9b7e72d5325dc2e1_8f218ded = memo(({children, ...rest}) => {
    const reflex___state____state__victim_app___state____victim_state = useStateContext("reflex___state____state.victim_app___state____victim_state")

    const handleSubmit_46718e0447aab99cf284c31d60a4dac7 = useCallback((ev) => {
        const $form = ev.target
        ev.preventDefault()
        const form_data = getFormData($form, ({ ["profile_nickname"] : getRefValue(refs["ref_profile_nickname"]), ["profile_age"] : getRefValue(refs["ref_profile_age"]) }));

        (((...args) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.save_profile", ({ ["form"] : form_data }), ({  })))], args, ({  }))))(ev));

        if (false) {
            $form.reset()
        }
    })
    
    return(
        jsx(RadixFormRoot,{...mergeSlotProps(rest, ({ className:"Root ", css:({ ["width"] : "100%" }), key:(reflex___state____state__victim_app___state____victim_state.nickname_rx_state_+reflex___state____state__victim_app___state____victim_state.age_band_rx_state_), onSubmit:handleSubmit_46718e0447aab99cf284c31d60a4dac7 }))},children)
    )
});
Form_root_8481e899822ad46a9b7e72d5325dc2e1_8f218ded.displayName = "Form";
return Form_root_8481e899822ad46a9b7e72d5325dc2e1_8f218ded;
})();

export const Button_button_e479d7c5940f1c7eb0014f808c0c9247_8f218ded = /*#__PURE__*/ (() => {
const Button_button_e479d7c5940f1c7eb0014f808c0c9247_8f218ded = memo(({children, ...rest}) => {
    const on_click_86ddf9663b4b0a269577497e79a5954b = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.erase", ({ ["locale"] : "fr" }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ color:"red", onClick:on_click_86ddf9663b4b0a269577497e79a5954b }))},children)
    )
});
Button_button_e479d7c5940f1c7eb0014f808c0c9247_8f218ded.displayName = "Button";
return Button_button_e479d7c5940f1c7eb0014f808c0c9247_8f218ded;
})();

export const Match_comp_6e088e9b553f5ffd66a7243c7205d36d_8f218ded = /*#__PURE__*/ (() => {
const Match_comp_6e088e9b553f5ffd66a7243c7205d36d_8f218ded = memo(({children}) => {
    const reflex___state____state__victim_app___state____restore_state = useStateContext("reflex___state____state.victim_app___state____restore_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__victim_app___state____restore_state.error_rx_state_)) {
    case JSON.stringify("code_wrong"):
      return children?.at?.(0);
      break;
    case JSON.stringify("code_mismatch"):
      return children?.at?.(1);
      break;
    case JSON.stringify("too_many_attempts"):
      return children?.at?.(2);
      break;
    case JSON.stringify("pin_format"):
      return children?.at?.(3);
      break;
    case JSON.stringify("pin_too_simple"):
      return children?.at?.(4);
      break;
    case JSON.stringify("pin_wrong"):
      return children?.at?.(5);
      break;
    case JSON.stringify("account_locked"):
      return children?.at?.(6);
      break;
    case JSON.stringify("nickname_invalid"):
      return children?.at?.(7);
      break;
    case JSON.stringify("age_band_invalid"):
      return children?.at?.(8);
      break;
    case JSON.stringify("nothing_to_unlock_with"):
      return children?.at?.(9);
      break;
    case JSON.stringify("no_code"):
      return children?.at?.(10);
      break;
    default:
      return children?.at?.(11);
      break;
  }
})()
    )
});
Match_comp_6e088e9b553f5ffd66a7243c7205d36d_8f218ded.displayName = "Match";
return Match_comp_6e088e9b553f5ffd66a7243c7205d36d_8f218ded;
})();

export const Button_button_abd5b98a3e4a7a885f834eadd0770081_8f218ded = /*#__PURE__*/ (() => {
const Button_button_abd5b98a3e4a7a885f834eadd0770081_8f218ded = memo(({children, ...rest}) => {
    const on_click_ca6e18b37298d2c492766fef9602b0de = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.victim_app___state____victim_state.victim_app___state____space_state.erase", ({ ["locale"] : "en" }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ color:"red", onClick:on_click_ca6e18b37298d2c492766fef9602b0de }))},children)
    )
});
Button_button_abd5b98a3e4a7a885f834eadd0770081_8f218ded.displayName = "Button";
return Button_button_abd5b98a3e4a7a885f834eadd0770081_8f218ded;
})();
