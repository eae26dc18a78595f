
import {isTrue} from "$/utils/state"
import {useStateContext} from "$/utils/context-registry"
import {jsx} from "@emotion/react"
import {Fragment,memo,useEffect} from "react"








export const Cond_comp_7ae7ab66465d87006aa2baf15999db76_4f0850c0 = /*#__PURE__*/ (() => {
const Cond_comp_7ae7ab66465d87006aa2baf15999db76_4f0850c0 = memo(({children}) => {
    const reflex___state____state__staff_app___state____login_state = useStateContext("reflex___state____state.staff_app___state____login_state")
    return(
        (reflex___state____state__staff_app___state____login_state.failed_rx_state_?(children?.at?.(0)):(children?.at?.(1)))
    )
});
Cond_comp_7ae7ab66465d87006aa2baf15999db76_4f0850c0.displayName = "Cond";
return Cond_comp_7ae7ab66465d87006aa2baf15999db76_4f0850c0;
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
