import LucideX from "lucide-react/dist/esm/icons/x.mjs"
import LucidePhone from "lucide-react/dist/esm/icons/phone.mjs"
import LucideHouseHeart from "lucide-react/dist/esm/icons/house-heart.mjs"
import LucideMessageCircle from "lucide-react/dist/esm/icons/message-circle.mjs"
import LucideLock from "lucide-react/dist/esm/icons/lock.mjs"
import LucideCircleHelp from "lucide-react/dist/esm/icons/circle-help.mjs"
import LucideBookOpen from "lucide-react/dist/esm/icons/book-open.mjs"
import {Fragment,useEffect,useRef} from "react"
import {refs} from "$/utils/state"
import {Link as ReactRouterLink} from "react-router"
import {Box as RadixThemesBox,Container as RadixThemesContainer,Flex as RadixThemesFlex,Heading as RadixThemesHeading,Link as RadixThemesLink,Text as RadixThemesText} from "@radix-ui/themes"
import {jsx} from "@emotion/react"





function Component() {
const ref_quick_exit = useRef(null); refs["ref_quick_exit"] = ref_quick_exit;
const ref_main = useRef(null); refs["ref_main"] = ref_main;

  return (
    jsx(Fragment,{},jsx(RadixThemesBox,{css:({ ["minHeight"] : "100vh" }),lang:"en"},jsx("header",{},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",css:({ ["width"] : "100%", ["padding"] : "0.75rem 1rem" }),direction:"row",gap:"3"},jsx(ReactRouterLink,{className:"abri-exit","data-quick-exit":"true",id:"quick-exit",ref:ref_quick_exit,rel:"noreferrer",title:"Leave Abri now and open a neutral site. Shortcut: press Escape twice.",to:"https://www.google.com/search?q=m%C3%A9t%C3%A9o"},jsx(LucideX,{"aria-hidden":"true",size:18},),"Quick exit"),jsx(ReactRouterLink,{className:"abri-skip",to:"#main"},"Skip to content"),jsx(RadixThemesFlex,{css:({ ["flex"] : 1, ["justifySelf"] : "stretch", ["alignSelf"] : "stretch" })},),jsx(ReactRouterLink,{"aria-label":"Call the 3018 free on 3018",css:({ ["display"] : "inline-flex", ["alignItems"] : "center", ["gap"] : "0.3rem", ["fontWeight"] : 700, ["color"] : "#0b5e5a", ["minHeight"] : "44px", ["padding"] : "0 0.5rem" }),to:"tel:3018"},jsx(LucidePhone,{"aria-hidden":"true",size:16},),"3018"),jsx(ReactRouterLink,{"aria-label":"Lire en fran\u00e7ais",css:({ ["color"] : "#1f2a30", ["minHeight"] : "44px", ["display"] : "inline-flex", ["alignItems"] : "center", ["padding"] : "0 0.5rem", ["hreflang"] : "fr" }),lang:"fr",to:"/quiz"},"Fran\u00e7ais")),jsx(RadixThemesLink,{asChild:true,css:({ ["color"] : "inherit", ["padding"] : "0 1rem 0.5rem", ["display"] : "inline-block", ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) }),underline:"none"},jsx(ReactRouterLink,{replace:true,to:"/en"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideHouseHeart,{"aria-hidden":"true",css:({ ["color"] : "#0b6e69" }),size:26},),jsx(RadixThemesText,{as:"p",size:"6",weight:"bold"},"Abri"))))),jsx("nav",{"aria-label":"Sections",className:"abri-victim-nav"},jsx("ul",{},jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{replace:true,to:"/en/parler"},jsx(LucideMessageCircle,{"aria-hidden":"true",size:22},),"Talk"))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{replace:true,to:"/en/coffre-fort"},jsx(LucideLock,{"aria-hidden":"true",size:22},),"Safe"))),jsx("li",{},jsx(RadixThemesLink,{"aria-current":"page",asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{replace:true,to:"/en/quiz"},jsx(LucideCircleHelp,{"aria-hidden":"true",size:22},),"Quiz"))),jsx("li",{},jsx(RadixThemesLink,{asChild:true,css:({ ["&:hover"] : ({ ["color"] : "var(--accent-8)" }) })},jsx(ReactRouterLink,{replace:true,to:"/en/infos"},jsx(LucideBookOpen,{"aria-hidden":"true",size:22},),"Info"))))),jsx("main",{className:"abri-victim-main",id:"main",ref:ref_main,tabIndex:-1},jsx(RadixThemesContainer,{css:({ ["padding"] : "1rem" }),size:"2"},jsx(RadixThemesFlex,{align:"start",className:"rx-Stack",css:({ ["width"] : "100%" }),direction:"column",gap:"5"},jsx(RadixThemesFlex,{align:"start",className:"rx-Stack",direction:"column",gap:"2"},jsx(RadixThemesHeading,{as:"h1",css:({ ["color"] : "#1f2a30" }),size:"7"},"Am I being harassed?"),jsx(RadixThemesText,{as:"p",css:({ ["color"] : "#3b4a52" }),size:"4"},"Answer a few questions to better understand what you are going through. Nobody sees your answers unless you choose to share them.")))))),jsx("title",{},"Abri \u00b7 Am I being harassed?"),jsx("meta",{content:"favicon.ico",property:"og:image"},))
  )
}
Component.displayName = "Component(en/quiz)";

export default Component;
