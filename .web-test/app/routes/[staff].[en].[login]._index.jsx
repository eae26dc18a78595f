import LucideHouseHeart from "lucide-react/dist/esm/icons/house-heart.mjs"
import LucideTriangleAlert from "lucide-react/dist/esm/icons/triangle-alert.mjs"
import {Button as RadixThemesButton,Callout as RadixThemesCallout,Card as RadixThemesCard,Flex as RadixThemesFlex,Heading as RadixThemesHeading,Text as RadixThemesText,TextField as RadixThemesTextField} from "@radix-ui/themes"
import {Fragment,useEffect,useRef} from "react"
import {Match_comp_2aa52777875debc020c0a356da91d722_4f0850c0} from "$/app_components/staff_app/index"
import {isNotNullOrUndefined,refs} from "$/utils/state"
import {Link as ReactRouterLink} from "react-router"
import {jsx} from "@emotion/react"





function Component() {
const ref_login_email = useRef(null); refs["ref_login_email"] = ref_login_email;
const ref_login_password = useRef(null); refs["ref_login_password"] = ref_login_password;
const ref_login_code = useRef(null); refs["ref_login_code"] = ref_login_code;

  return (
    jsx(Fragment,{},jsx(RadixThemesFlex,{css:({ ["display"] : "flex", ["alignItems"] : "center", ["justifyContent"] : "center", ["minHeight"] : "100vh", ["padding"] : "1rem", ["background"] : "#f6f4f1" }),lang:"en"},jsx(RadixThemesCard,{css:({ ["width"] : "100%", ["maxWidth"] : "26rem" }),size:"4"},jsx("form",{action:"/api/staff/login",method:"post"},jsx(RadixThemesFlex,{align:"start",className:"rx-Stack",css:({ ["width"] : "100%" }),direction:"column",gap:"4"},jsx(RadixThemesFlex,{align:"center",className:"rx-Stack",direction:"row",gap:"3"},jsx(LucideHouseHeart,{"aria-hidden":"true",css:({ ["color"] : "#0b6e69" }),size:26},),jsx(RadixThemesText,{as:"p",size:"6",weight:"bold"},"Abri")),jsx(RadixThemesHeading,{as:"h1",size:"6"},"Sign in"),jsx(RadixThemesText,{as:"p",css:({ ["color"] : "#3b4a52" })},"For 3018 professionals only."),jsx(Fragment,{},),jsx(Fragment,{},jsx(Match_comp_2aa52777875debc020c0a356da91d722_4f0850c0,{},jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert", ["width"] : "100%" }),role:"alert"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},"Wrong email or password.")),jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert", ["width"] : "100%" }),role:"alert"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},"Verification code missing or wrong.")),jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert", ["width"] : "100%" }),role:"alert"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},"Too many tries. Try again in a quarter of an hour.")),jsx(RadixThemesCallout.Root,{color:"red",css:({ ["icon"] : "triangle-alert", ["width"] : "100%" }),role:"alert"},jsx(RadixThemesCallout.Icon,{},jsx(LucideTriangleAlert,{},)),jsx(RadixThemesCallout.Text,{},"Signing in with your organisation's account failed, or this account has no access to Abri.")),jsx(Fragment,{},))),jsx("label",{css:({ ["display"] : "flex", ["flexDirection"] : "column", ["gap"] : "0.35rem", ["width"] : "100%" })},jsx(RadixThemesText,{as:"p",size:"2",weight:"medium"},"Email address"),jsx(RadixThemesTextField.Root,{autoComplete:"username",id:"login-email",maxLength:512,name:"email",ref:ref_login_email,required:true,size:"3",type:"email"},),jsx(Fragment,{},)),jsx("label",{css:({ ["display"] : "flex", ["flexDirection"] : "column", ["gap"] : "0.35rem", ["width"] : "100%" })},jsx(RadixThemesText,{as:"p",size:"2",weight:"medium"},"Password"),jsx(RadixThemesTextField.Root,{autoComplete:"current-password",id:"login-password",maxLength:512,name:"password",ref:ref_login_password,required:true,size:"3",type:"password"},),jsx(Fragment,{},)),jsx("label",{css:({ ["display"] : "flex", ["flexDirection"] : "column", ["gap"] : "0.35rem", ["width"] : "100%" })},jsx(RadixThemesText,{as:"p",size:"2",weight:"medium"},"Verification code (6 digits)"),jsx(RadixThemesTextField.Root,{autoComplete:"one-time-code",id:"login-code",maxLength:512,name:"code",ref:ref_login_code,required:false,size:"3",type:"text"},),jsx(RadixThemesText,{as:"p",css:({ ["color"] : "#4a5a62" }),size:"1"},"Only if two-factor authentication is on for your account.")),jsx("input",{name:"locale",type:"hidden",value:(isNotNullOrUndefined("en") ? "en" : "")},),jsx(RadixThemesButton,{css:({ ["width"] : "100%" }),size:"3",type:"submit"},"Sign in"),jsx(ReactRouterLink,{lang:"fr",to:"/staff/login"},"Fran\u00e7ais"))))),jsx("title",{},"Abri \u00b7 Sign in"),jsx("meta",{content:"favicon.ico",property:"og:image"},))
  )
}
Component.displayName = "Component(staff/en/login)";

export default Component;
