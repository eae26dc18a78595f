
import {isTrue} from "$/utils/state"
import {useStateContext} from "$/utils/context-registry"
import {Card as RadixThemesCard,Heading as RadixThemesHeading,Text as RadixThemesText} from "@radix-ui/themes"
import {jsx} from "@emotion/react"
import {Fragment,memo,useEffect} from "react"








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
