
import {ReflexEvent,applyEventActions,getFormData,getRefValue,getRefValues,isTrue,mergeSlotProps,refs} from "$/utils/state"
import {useStateContext} from "$/utils/context-registry"
import {jsx} from "@emotion/react"
import {Fragment,memo,useCallback,useEffect} from "react"
import {Badge as RadixThemesBadge,Button as RadixThemesButton,Table as RadixThemesTable} from "@radix-ui/themes"
import {addEvents} from "$/utils/context"
import {Root as RadixFormRoot} from "@radix-ui/react-form"








export const Match_comp_2aa52777875debc020c0a356da91d722_4f0850c0 = /*#__PURE__*/ (() => {
const Match_comp_2aa52777875debc020c0a356da91d722_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____login_state = useStateContext("reflex___state____state.staff_app___state____login_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__staff_app___state____login_state.error_rx_state_)) {
    case JSON.stringify("failed"):
      return children?.at?.(0);
      break;
    case JSON.stringify("totp"):
      return children?.at?.(1);
      break;
    case JSON.stringify("locked"):
      return children?.at?.(2);
      break;
    case JSON.stringify("sso"):
      return children?.at?.(3);
      break;
    default:
      return children?.at?.(4);
      break;
  }
})()
    )
});
Match_comp_2aa52777875debc020c0a356da91d722_4f0850c0.displayName = "Match";
return Match_comp_2aa52777875debc020c0a356da91d722_4f0850c0;
})();

export const Bare_comp_81c0c0a540f75eb70e900bc00bca2a12_4f0850c0 = /*#__PURE__*/ (() => {
const Bare_comp_81c0c0a540f75eb70e900bc00bca2a12_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state = useStateContext("reflex___state____state.staff_app___state____staff_state")
    return(
        reflex___state____state__staff_app___state____staff_state.display_name_rx_state_
    )
});
Bare_comp_81c0c0a540f75eb70e900bc00bca2a12_4f0850c0.displayName = "Bare";
return Bare_comp_81c0c0a540f75eb70e900bc00bca2a12_4f0850c0;
})();

export const Cond_comp_34081f9b051ceb0d6ecdf68b146babe1_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_34081f9b051ceb0d6ecdf68b146babe1_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state = useStateContext("reflex___state____state.staff_app___state____staff_state")
    return(
        (reflex___state____state__staff_app___state____staff_state.needs_totp_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_34081f9b051ceb0d6ecdf68b146babe1_4f0850c0.displayName = "Cond";
return Cond_comp_34081f9b051ceb0d6ecdf68b146babe1_4f0850c0;
})();

export const Cond_comp_f1dcb57ded6b4c2864de13efcb716dbe_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_f1dcb57ded6b4c2864de13efcb716dbe_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state = useStateContext("reflex___state____state.staff_app___state____staff_state")
    return(
        (reflex___state____state__staff_app___state____staff_state.allowed_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_f1dcb57ded6b4c2864de13efcb716dbe_4f0850c0.displayName = "Cond";
return Cond_comp_f1dcb57ded6b4c2864de13efcb716dbe_4f0850c0;
})();

export const Cond_comp_84cf5d30e6882d40d6f12e35e01d9fa5_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_84cf5d30e6882d40d6f12e35e01d9fa5_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state")
    return(
        (reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state.refused_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_84cf5d30e6882d40d6f12e35e01d9fa5_4f0850c0.displayName = "Cond";
return Cond_comp_84cf5d30e6882d40d6f12e35e01d9fa5_4f0850c0;
})();

export const Foreach_comp_c260cb46d9a1a14f91d097fd4def7b93_4f0850c0 = /*#__PURE__*/ (() => {
const Foreach_comp_c260cb46d9a1a14f91d097fd4def7b93_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state")
    return(
        Array.prototype.map.call(reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state.team_rx_state_ ?? [],((m_rx_state_,index_da5caf37d1a4d631cec47a296675c0e1)=>(jsx(RadixThemesTable.Row,{key:index_da5caf37d1a4d631cec47a296675c0e1},jsx(RadixThemesTable.Cell,{},m_rx_state_?.["name"]),jsx(RadixThemesTable.Cell,{},m_rx_state_?.["email"]),jsx(RadixThemesTable.Cell,{},m_rx_state_?.["roles"]),jsx(RadixThemesTable.Cell,{},jsx(Fragment,{},((m_rx_state_?.["disabled"]?.valueOf?.() === "1"?.valueOf?.())?(jsx(Fragment,{},jsx(RadixThemesBadge,{color:"gray"},"D\u00e9sactiv\u00e9"))):(jsx(Fragment,{},jsx(RadixThemesBadge,{color:"green"},"Actif")))))),jsx(RadixThemesTable.Cell,{},jsx(Fragment,{},((m_rx_state_?.["disabled"]?.valueOf?.() === "1"?.valueOf?.())?(jsx(Fragment,{},jsx(RadixThemesButton,{onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state.set_disabled", ({ ["staff_id"] : m_rx_state_?.["id"], ["disabled"] : false }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"R\u00e9activer"))):(jsx(Fragment,{},jsx(RadixThemesButton,{"aria-label":("D\u00e9sactiver "+m_rx_state_?.["name"]),color:"red",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state.set_disabled", ({ ["staff_id"] : m_rx_state_?.["id"], ["disabled"] : true }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"D\u00e9sactiver"))))))))))
    )
});
Foreach_comp_c260cb46d9a1a14f91d097fd4def7b93_4f0850c0.displayName = "Foreach";
return Foreach_comp_c260cb46d9a1a14f91d097fd4def7b93_4f0850c0;
})();

export const Foreach_comp_b4489fd5db994ff4beef13f7fa635869_4f0850c0 = /*#__PURE__*/ (() => {
const Foreach_comp_b4489fd5db994ff4beef13f7fa635869_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state")
    return(
        Array.prototype.map.call(reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state.team_rx_state_ ?? [],((m_rx_state_,index_fec06adf9ddafe2fd5341a2d3acb5a01)=>(jsx("option",{key:index_fec06adf9ddafe2fd5341a2d3acb5a01,value:m_rx_state_?.["id"]},m_rx_state_?.["name"]))))
    )
});
Foreach_comp_b4489fd5db994ff4beef13f7fa635869_4f0850c0.displayName = "Foreach";
return Foreach_comp_b4489fd5db994ff4beef13f7fa635869_4f0850c0;
})();

export const Form_root_bdce1e55a70c8acc805a30a60b3e1a5e_4f0850c0 = /*#__PURE__*/ (() => {
const Form_root_bdce1e55a70c8acc805a30a60b3e1a5e_4f0850c0 = memo(({children, ...rest}) => {
    
    const handleSubmit_04f5fd797d98901896093d6da17359b4 = useCallback((ev) => {
        const $form = ev.target
        ev.preventDefault()
        const form_data = getFormData($form, ({ ["audit_person"] : getRefValue(refs["ref_audit_person"]), ["audit_object"] : getRefValue(refs["ref_audit_object"]) }));

        (((...args) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state.filter_audit", ({ ["form"] : form_data }), ({  })))], args, ({  }))))(ev));

        if (false) {
            $form.reset()
        }
    })
    
    return(
        jsx(RadixFormRoot,{...mergeSlotProps(rest, ({ className:"Root ", css:({ ["width"] : "100%" }), onSubmit:handleSubmit_04f5fd797d98901896093d6da17359b4 }))},children)
    )
});
Form_root_bdce1e55a70c8acc805a30a60b3e1a5e_4f0850c0.displayName = "Form";
return Form_root_bdce1e55a70c8acc805a30a60b3e1a5e_4f0850c0;
})();

export const Foreach_comp_dae21773b991ceab987290824d1ca715_4f0850c0 = /*#__PURE__*/ (() => {
const Foreach_comp_dae21773b991ceab987290824d1ca715_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state")
    return(
        Array.prototype.map.call(reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state.audit_rows_rx_state_ ?? [],((r_rx_state_,index_5ce8332a4b6da640b4a482bb3194bfe9)=>(jsx(RadixThemesTable.Row,{key:index_5ce8332a4b6da640b4a482bb3194bfe9},jsx(RadixThemesTable.Cell,{},r_rx_state_?.["at"]),jsx(RadixThemesTable.Cell,{},r_rx_state_?.["actor"]),jsx(RadixThemesTable.Cell,{},r_rx_state_?.["action"]),jsx(RadixThemesTable.Cell,{},r_rx_state_?.["object"])))))
    )
});
Foreach_comp_dae21773b991ceab987290824d1ca715_4f0850c0.displayName = "Foreach";
return Foreach_comp_dae21773b991ceab987290824d1ca715_4f0850c0;
})();

export const Cond_comp_e3b830a7eb2466e1c81fe2733b0ef842_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_e3b830a7eb2466e1c81fe2733b0ef842_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state")
    return(
        ((reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state.audit_rows_rx_state_.length > 0)?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_e3b830a7eb2466e1c81fe2733b0ef842_4f0850c0.displayName = "Cond";
return Cond_comp_e3b830a7eb2466e1c81fe2733b0ef842_4f0850c0;
})();

export const Match_comp_739ca8efc28d8447b328005ed6dc356b_4f0850c0 = /*#__PURE__*/ (() => {
const Match_comp_739ca8efc28d8447b328005ed6dc356b_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        (() => {
  switch (JSON.stringify(reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.result_rx_state_)) {
    case JSON.stringify("confirmed"):
      return children?.at?.(0);
      break;
    case JSON.stringify("wrong"):
      return children?.at?.(1);
      break;
    default:
      return children?.at?.(2);
      break;
  }
})()
    )
});
Match_comp_739ca8efc28d8447b328005ed6dc356b_4f0850c0.displayName = "Match";
return Match_comp_739ca8efc28d8447b328005ed6dc356b_4f0850c0;
})();

export const Cond_comp_9a005f3cdf1e98ffe01796b5cee2fa10_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_9a005f3cdf1e98ffe01796b5cee2fa10_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        (reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.has_totp_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_9a005f3cdf1e98ffe01796b5cee2fa10_4f0850c0.displayName = "Cond";
return Cond_comp_9a005f3cdf1e98ffe01796b5cee2fa10_4f0850c0;
})();

export const Img_img_64f4b6708fa0803a09b8d5007b617daf_4f0850c0 = /*#__PURE__*/ (() => {
const Img_img_64f4b6708fa0803a09b8d5007b617daf_4f0850c0 = memo(({children, ...rest}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        jsx("img",{...mergeSlotProps(rest, ({ alt:"QR", css:({ ["width"] : "200px", ["height"] : "200px" }), src:reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.qr_rx_state_ }))},)
    )
});
Img_img_64f4b6708fa0803a09b8d5007b617daf_4f0850c0.displayName = "Img";
return Img_img_64f4b6708fa0803a09b8d5007b617daf_4f0850c0;
})();

export const Bare_comp_5354264d1619e11c46ec89f70072cfc5_4f0850c0 = /*#__PURE__*/ (() => {
const Bare_comp_5354264d1619e11c46ec89f70072cfc5_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.secret_rx_state_
    )
});
Bare_comp_5354264d1619e11c46ec89f70072cfc5_4f0850c0.displayName = "Bare";
return Bare_comp_5354264d1619e11c46ec89f70072cfc5_4f0850c0;
})();

export const Form_root_245d82d7e8fc12f58f6a61a144659763_4f0850c0 = /*#__PURE__*/ (() => {
const Form_root_245d82d7e8fc12f58f6a61a144659763_4f0850c0 = memo(({children, ...rest}) => {
    
    const handleSubmit_99d9cdfc533ee22c9dfd2fb6a9d698f5 = useCallback((ev) => {
        const $form = ev.target
        ev.preventDefault()
        const form_data = getFormData($form, ({ ["totp_code"] : getRefValue(refs["ref_totp_code"]) }));

        (((...args) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state.confirm", ({ ["form"] : form_data }), ({  })))], args, ({  }))))(ev));

        if (true) {
            $form.reset()
        }
    })
    
    return(
        jsx(RadixFormRoot,{...mergeSlotProps(rest, ({ className:"Root ", css:({ ["width"] : "100%" }), onSubmit:handleSubmit_99d9cdfc533ee22c9dfd2fb6a9d698f5 }))},children)
    )
});
Form_root_245d82d7e8fc12f58f6a61a144659763_4f0850c0.displayName = "Form";
return Form_root_245d82d7e8fc12f58f6a61a144659763_4f0850c0;
})();

export const Bare_comp_61c76c91c56033f3ea67ec4607213e12_4f0850c0 = /*#__PURE__*/ (() => {
const Bare_comp_61c76c91c56033f3ea67ec4607213e12_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        (reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.has_totp_rx_state_ ? "Changer d'appareil d'authentification" : "Activer la double authentification")
    )
});
Bare_comp_61c76c91c56033f3ea67ec4607213e12_4f0850c0.displayName = "Bare";
return Bare_comp_61c76c91c56033f3ea67ec4607213e12_4f0850c0;
})();

export const Button_button_d3bb28ddd57df79806ae652490afd393_4f0850c0 = /*#__PURE__*/ (() => {
const Button_button_d3bb28ddd57df79806ae652490afd393_4f0850c0 = memo(({children, ...rest}) => {
    const on_click_a040294a42dbd1c6ed4263c1e5ae04c9 = useCallback(((_e) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state.begin", ({  }), ({  })))], [_e], ({  })))), [addEvents, ReflexEvent])
    return(
        jsx(RadixThemesButton,{...mergeSlotProps(rest, ({ onClick:on_click_a040294a42dbd1c6ed4263c1e5ae04c9, size:"3" }))},children)
    )
});
Button_button_d3bb28ddd57df79806ae652490afd393_4f0850c0.displayName = "Button";
return Button_button_d3bb28ddd57df79806ae652490afd393_4f0850c0;
})();

export const Cond_comp_aee147e1e1f949cf857e035b57fccfcd_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_aee147e1e1f949cf857e035b57fccfcd_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        (!((reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.qr_rx_state_?.valueOf?.() === ""?.valueOf?.()))?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_aee147e1e1f949cf857e035b57fccfcd_4f0850c0.displayName = "Cond";
return Cond_comp_aee147e1e1f949cf857e035b57fccfcd_4f0850c0;
})();

export const Foreach_comp_021359354028a872536785486d6d26d5_4f0850c0 = /*#__PURE__*/ (() => {
const Foreach_comp_021359354028a872536785486d6d26d5_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state")
    return(
        Array.prototype.map.call(reflex___state____state__staff_app___state____staff_state__staff_app___state____admin_state.team_rx_state_ ?? [],((m_rx_state_,index_da5caf37d1a4d631cec47a296675c0e1)=>(jsx(RadixThemesTable.Row,{key:index_da5caf37d1a4d631cec47a296675c0e1},jsx(RadixThemesTable.Cell,{},m_rx_state_?.["name"]),jsx(RadixThemesTable.Cell,{},m_rx_state_?.["email"]),jsx(RadixThemesTable.Cell,{},m_rx_state_?.["roles"]),jsx(RadixThemesTable.Cell,{},jsx(Fragment,{},((m_rx_state_?.["disabled"]?.valueOf?.() === "1"?.valueOf?.())?(jsx(Fragment,{},jsx(RadixThemesBadge,{color:"gray"},"Disabled"))):(jsx(Fragment,{},jsx(RadixThemesBadge,{color:"green"},"Active")))))),jsx(RadixThemesTable.Cell,{},jsx(Fragment,{},((m_rx_state_?.["disabled"]?.valueOf?.() === "1"?.valueOf?.())?(jsx(Fragment,{},jsx(RadixThemesButton,{onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state.set_disabled", ({ ["staff_id"] : m_rx_state_?.["id"], ["disabled"] : false }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"Enable"))):(jsx(Fragment,{},jsx(RadixThemesButton,{"aria-label":("Disable "+m_rx_state_?.["name"]),color:"red",onClick:((_e) => (addEvents([(ReflexEvent("reflex___state____state.staff_app___state____staff_state.staff_app___state____admin_state.set_disabled", ({ ["staff_id"] : m_rx_state_?.["id"], ["disabled"] : true }), ({  })))], [_e], ({  })))),size:"1",variant:"soft"},"Disable"))))))))))
    )
});
Foreach_comp_021359354028a872536785486d6d26d5_4f0850c0.displayName = "Foreach";
return Foreach_comp_021359354028a872536785486d6d26d5_4f0850c0;
})();

export const Bare_comp_85c1ea277a9ff0263bc15f5b5722e974_4f0850c0 = /*#__PURE__*/ (() => {
const Bare_comp_85c1ea277a9ff0263bc15f5b5722e974_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state = useStateContext("reflex___state____state.staff_app___state____staff_state.staff_app___state____security_state")
    return(
        (reflex___state____state__staff_app___state____staff_state__staff_app___state____security_state.has_totp_rx_state_ ? "Change authenticator device" : "Turn on two-factor authentication")
    )
});
Bare_comp_85c1ea277a9ff0263bc15f5b5722e974_4f0850c0.displayName = "Bare";
return Bare_comp_85c1ea277a9ff0263bc15f5b5722e974_4f0850c0;
})();
